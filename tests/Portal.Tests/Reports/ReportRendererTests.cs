using AngleSharp.Html.Parser;
using Portal.Features.Reports;

namespace Portal.Tests.Reports;

public class ReportRendererTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly Guid Hebb = TestRuns.Hebb;

    private static Task<RenderedReport> Render(string source, IRunSource? runs = null) => ReportRenderer.RenderAsync(source, runs ?? TestRuns.Default(), Ct);

    private static string Html(RenderedReport r) => r.StaticBody();

    [Fact]
    public async Task FrontMatter_GivesTitleAuthorsAffiliationsAbstractKeywords()
    {
        var r = await Render("""
            ---
            title: Online learning vs theory
            authors:
              - name: Elizabeth Gardner
                affiliation: Edinburgh
                orcid: 0000-0002-1825-0097
              - Bernard Derrida
            date: 2026-12-05
            abstract: |
              We compare $\varepsilon(\alpha)$ with **theory**.
            keywords: perceptron, Hebb
            ---
            Body.
            """);
        Assert.Equal("Online learning vs theory", r.Front.Title);
        Assert.Equal(["Elizabeth Gardner", "Bernard Derrida"], r.Front.Authors.Select(a => a.Name));
        Assert.Equal("Edinburgh", r.Front.Authors[0].Affiliation);
        Assert.Equal("0000-0002-1825-0097", r.Front.Authors[0].Orcid);
        Assert.Equal(["perceptron", "Hebb"], r.Front.Keywords);
        Assert.Contains("<strong>theory</strong>", r.AbstractHtml);
        Assert.Contains("<span class=\"math-tex\" data-display=\"false\">\\varepsilon(\\alpha)</span>", r.AbstractHtml);
        Assert.Empty(r.Problems);
    }

    [Fact]
    public async Task BrokenFrontMatter_IsAProblemWithItsLine_NotAnException()
    {
        var r = await Render("---\ntitle: [unclosed\n---\nText");
        Assert.Equal(FrontMatter.Untitled, r.Front.Title);
        Assert.Contains(r.Problems, p => p.StartsWith("Front matter, line", StringComparison.Ordinal));
        var unclosed = await Render("---\ntitle: x\nText");
        Assert.Contains(unclosed.Problems, p => p.Contains("never closed"));
    }

    [Fact]
    public async Task Math_InlineAndDisplay_ReachKatexAsText_LabelledEquationsAreNumbered()
    {
        var r = await Render("""
            Energy $E = -\sum J s_i s_j$ and $a<b$.

            $$
            Z = \sum_\sigma e^{-\beta H}
            $$ {#eq:partition}

            $$ \beta_c = \tfrac12 \ln(1+\sqrt2) $$ {#eq:onsager}

            $$ x^2 $$

            By @eq:onsager and @eq:partition.
            """);
        var html = Html(r);
        Assert.Contains("<span class=\"math-tex\" data-display=\"false\">a&lt;b</span>", html);
        Assert.Contains("id=\"eq-partition\"", html);
        Assert.Contains("<span class=\"eq-number\">(1)</span>", html);
        Assert.Contains("<span class=\"eq-number\">(2)</span>", html);
        Assert.Contains("<a class=\"xref\" href=\"#eq-onsager\">Eq. (2)</a>", html);
        Assert.Contains("<a class=\"xref\" href=\"#eq-partition\">Eq. (1)</a>", html);
        Assert.Equal(2, html.Split("eq-number").Length - 1);
        Assert.Empty(r.Problems);
    }

    [Fact]
    public async Task Sections_AreNumbered_AndCrossReferencesNameThem()
    {
        var r = await Render("# Introduction\n\n# Method {#sec:method}\n\n## Data\n\n## Model\n\n# Acknowledgements {-}\n\nSee @sec:method.");
        var html = Html(r);
        Assert.Contains("<span class=\"secnum\">2</span> Method", html);
        Assert.Contains("<span class=\"secnum\">2.2</span> Model", html);
        Assert.Contains("id=\"sec-method\"", html);
        Assert.Contains("id=\"sec-introduction\"", html);
        Assert.DoesNotContain("secnum\">3", html);
        Assert.Contains("<a class=\"xref\" href=\"#sec-method\">Section 2</a>", html);
        Assert.DoesNotContain("{#sec:method}", html);
    }

    [Fact]
    public async Task FigureEmbeds_AreNumberedInOrder_CaptionedAndReferenced()
    {
        var r = await Render($$$"""
            See @fig:eps and @fig:r.

            {{figure run={{{Hebb}}} name=overlap caption="The overlap $R$, as in @fig:eps" #fig:r}}

            {{figure run={{{Hebb}}} name=learning-curve #fig:eps}}
            """);
        var figures = r.Paper.OfType<FigureSegment>().Select(f => f.Figure).ToList();
        Assert.Equal([1, 2], figures.Select(f => f.Number));
        Assert.Equal("overlap", figures[0].Figure.Id);
        Assert.Equal("fig-r", figures[0].Id);
        Assert.Contains("The overlap <span class=\"math-tex\"", figures[0].CaptionHtml);
        Assert.Contains("as in <a class=\"xref\" href=\"#fig-eps\">Figure 2</a>", figures[0].CaptionHtml);
        Assert.Equal("Generalization error", figures[1].CaptionHtml);
        var html = Html(r);
        Assert.Contains("<a class=\"xref\" href=\"#fig-eps\">Figure 2</a>", html);
        Assert.Contains("<a class=\"xref\" href=\"#fig-r\">Figure 1</a>", html);
        Assert.Contains("<svg", html);
        Assert.Empty(r.Problems);
    }

    [Fact]
    public async Task MetricChecksAndTableEmbeds_ShowTheirValues()
    {
        var r = await Render($$$"""
            The final error is {{metric run={{{Hebb}}} name=epsilon_final}} and τ = {{metric run={{{Hebb}}} name=tau}}.

            {{table runs={{{Hebb}}},{{{TestRuns.Running}}} metrics=epsilon_final,R_final caption="Final values" #tbl:final}}

            As in @tbl:final.
            """);
        var html = Html(r);
        Assert.Contains(">0.2876 ± 0.0041</span>", html);
        Assert.Contains(">12.50 ± 0.50 sweeps</span>", html);
        Assert.Contains("<span class=\"tbl-label\">Table 1.</span> Final values", html);
        Assert.Contains("<th>ε at α = 4</th>", html);
        Assert.Contains("<td>running</td>", html);
        Assert.Contains("<a class=\"xref\" href=\"#tbl-final\">Table 1</a>", html);
    }

    [Theory]
    [InlineData("{{figure run=HEBB name=nope}}", "has no figure “nope”; it has learning-curve, overlap")]
    [InlineData("{{metric run=HEBB name=nope}}", "has no metric “nope”")]
    [InlineData("{{figure run=0197ffff-0000-7000-8000-000000000009 name=x}}", "run 0197ffff… not found, or not visible to you.")]
    [InlineData("{{figure run=42 name=x}}", "run must be a run id")]
    [InlineData("{{figure name=x}}", "run=<run id> is required.")]
    [InlineData("{{plot run=HEBB}}", "unknown embed “plot”; use figure, metric, checks or table.")]
    [InlineData("{{figure run=HEBB name=overlap colour=red}}", "unknown argument “colour”")]
    [InlineData("{{figure run=HEBB name=overlap #eq:x}}", "the label must look like #fig:name")]
    [InlineData("{{figure run=HEBB name=overlap caption=\"open}}", "a quoted value is never closed")]
    [InlineData("{{sweep run=HEBB}}", "sweeps cannot be embedded yet.")]
    [InlineData("Inline {{figure run=HEBB name=overlap}} here.", "a figure embed must stand on a line of its own.")]
    [InlineData("{{checks run=RUNNING}}", "is running (43 %): the checks appears when it finishes.")]
    public async Task BadOrMissingEmbeds_RenderAVisibleInlineError_AndAProblemWithTheLine(string embed, string message)
    {
        var r = await Render("Intro.\n\n" + embed.Replace("HEBB", Hebb.ToString()).Replace("RUNNING", TestRuns.Running.ToString()));
        var html = Html(r);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(message), html);
        if (!message.Contains("running")) Assert.Contains(r.Problems, p => p.StartsWith("Line 3:", StringComparison.Ordinal) && p.Contains(message));
    }

    [Fact]
    public async Task Citations_AreNumberedByFirstUse_WithABibliographyOfDoiAndArxivLinks()
    {
        var r = await Render("""
            ---
            title: t
            references:
              - id: kaufman1949
                author: B. Kaufman
                title: Crystal Statistics II
                journal: Phys. Rev.
                volume: "76"
                pages: 1232
                year: 1949
                doi: 10.1103/PhysRev.76.1232
            bibtex: |
              @article{onsager1944,
                author = {Lars Onsager},
                title = {Crystal Statistics. {I}. A Two-Dimensional Model},
                journal = "Phys. Rev.", year = 1944,
                eprint = {cond-mat/0000001}, archivePrefix = {arXiv}
              }
            ---
            Onsager [@onsager1944] and Kaufman [@kaufman1949; @onsager1944], not [@nobody].
            """);
        var html = Html(r);
        Assert.Contains("<a class=\"cite\" href=\"#ref-onsager1944\">1</a>", html);
        Assert.Contains("[<a class=\"cite\" href=\"#ref-kaufman1949\">2</a>, <a class=\"cite\" href=\"#ref-onsager1944\">1</a>]", html);
        Assert.Contains("href=\"https://doi.org/10.1103/PhysRev.76.1232\"", html);
        Assert.Contains("href=\"https://arxiv.org/abs/cond-mat/0000001\"", html);
        Assert.Contains("“Crystal Statistics. I. A Two-Dimensional Model”", html);
        Assert.Contains(r.Problems, p => p.Contains("[@nobody] cites no entry"));
        var list = new HtmlParser().ParseDocument(html).QuerySelectorAll("section.references li");
        Assert.Equal(["ref-onsager1944", "ref-kaufman1949"], list.Select(li => li.Id));
    }

    [Fact]
    public async Task ACitationMayNameThePartCited_AndTheLocatorIsEscaped()
    {
        var r = await Render("""
            ---
            title: t
            references:
              - id: engel2001
                author: A. Engel, C. Van den Broeck
                title: Statistical Mechanics of Learning
                year: 2001
              - id: gardner1988
                author: E. Gardner
                title: The space of interactions in neural network models
                year: 1988
            ---
            Hebb [@engel2001, §2.2], both [@gardner1988; @engel2001, ch. 9], odd [@engel2001, p. <b>3</b>].
            """);
        var html = Html(r);
        Assert.Empty(r.Problems);
        Assert.Contains("[<a class=\"cite\" href=\"#ref-engel2001\">1</a>, §2.2]", html);
        Assert.Contains("[<a class=\"cite\" href=\"#ref-gardner1988\">2</a>; <a class=\"cite\" href=\"#ref-engel2001\">1</a>, ch. 9]", html);
        Assert.DoesNotContain("<b>3</b>", html);
        Assert.DoesNotContain("[@", html);
    }

    [Fact]
    public async Task Slides_SplitAtRules_OrElseAtHeadings_WithNotesOutOfThePaper()
    {
        var ruled = await Render($$$"""
            # Title slide content

            ---

            ## Results

            {{figure run={{{Hebb}}} name=learning-curve}}

            Note: say that the error bars are one sigma.

            ---

            Last
            """);
        Assert.Equal(3, ruled.Slides.Count);
        Assert.IsType<FigureSegment>(ruled.Slides[1].Content.Last());
        Assert.Contains("say that the error bars are one sigma", ruled.Slides[1].NotesHtml);
        Assert.DoesNotContain("say that the error bars", Html(ruled));
        Assert.DoesNotContain("<hr", Html(ruled));

        var byHeadings = await Render("Intro\n\n# One\n\ntext\n\n## Two\n\n### not a slide\n\n## Three");
        Assert.Equal(4, byHeadings.Slides.Count);
    }

    [Fact]
    public async Task Freeze_KeepsOnlyWhatTheReportShows_AndAFrozenRenderingReadsTheSame()
    {
        var source = $$$"""
            {{figure run={{{Hebb}}} name=learning-curve}}

            ε = {{metric run={{{Hebb}}} name=epsilon_final}}.
            """;
        var live = await Render(source);
        var frozen = live.Freeze();
        var run = frozen.Runs[Hebb];
        Assert.Equal(["learning-curve"], run.Result.Figures.Select(f => f.Id));
        Assert.Equal(["epsilon_final"], run.Result.Metrics.Select(m => m.Name));

        var again = await ReportRenderer.RenderAsync(source, new FrozenRunSource(FrozenEmbeds.FromJson(frozen.ToJson())), Ct);
        Assert.Equal(Html(live).Replace($"/runs/{Hebb}", ""), Html(again).Replace($"/runs/{Hebb}", ""));

        var gone = await ReportRenderer.RenderAsync(source.Replace(Hebb.ToString(), TestRuns.Running.ToString()), new FrozenRunSource(frozen), Ct);
        Assert.Contains("was not available to the author when this version was published.", Html(gone));
    }

    [Fact]
    public async Task OversizedInput_IsCutWithAProblem_AndEmbedsBeyondTheLimitAreRefused()
    {
        var huge = await Render(new string('a', Report.MaxSourceLength + 10));
        Assert.Contains(huge.Problems, p => p.Contains($"at most {Report.MaxSourceLength}"));
        var many = string.Join("\n\n", Enumerable.Range(0, ReportRenderer.MaxEmbeds + 3).Select(_ => $"{{{{metric run={Hebb} name=tau}}}}"));
        var r = await Render(many);
        Assert.Contains($"a report may have at most {ReportRenderer.MaxEmbeds} embeds.", Html(r));
    }
}
