using Portal.Features.Reports;
using Portal.Tests.Collaboration;

namespace Portal.Tests.Reports;

/// <summary>
/// Hostile report sources: whatever the author writes (in the body, the front matter, captions, labels, references
/// or math), the rendered paper, slides and notes hold nothing that can run.
/// </summary>
public class ReportSanitizerTests
{
    public static readonly TheoryData<string> Payloads =
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)><circle r=1 /></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<math href=\"javascript:alert(1)\">x</math>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">raw</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](java&#x09;script:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[ref][1]\n\n[1]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "[x](https://example.org \"title\" onmouseover=alert(1))",
        "$\\href{javascript:alert(1)}{click}$",
        "$$\\url{javascript:alert(1)}$$ {#eq:x}",
        "$</span><img src=x onerror=alert(1)>$",
        "$$\n</div><script>alert(1)</script>\n$$",
        "{{figure run=RUN name=learning-curve caption=\"<img src=x onerror=alert(1)>[x](javascript:alert(1))\"}}",
        "{{metric run=<script>alert(1)</script> name=x}}",
        "# Heading {#sec:x\"onmouseover=\"alert(1)}",
        "@fig:<script>alert(1)</script>",
        "[@<img src=x onerror=alert(1)>]",
        "<form action=\"https://evil.example\"><button>go</button></form>",
        "<div style=\"background:url(javascript:alert(1))\">styled</div>",
        "# portal\n\n# Blazor\n\n# {#sec:portal}",
        "Note: <img src=x onerror=alert('notes')>",
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task BodyPayload_LeavesNothingExecutable_InPaperSlidesOrNotes(string payload)
    {
        var r = await ReportRenderer.RenderAsync("Intro.\n\n" + payload.Replace("RUN", TestRuns.Hebb.ToString()), TestRuns.Default(), TestContext.Current.CancellationToken);
        HtmlSafety.AssertInert(string.Concat(r.Paper.OfType<HtmlSegment>().Select(s => s.Html)));
        foreach (var slide in r.Slides)
        {
            HtmlSafety.AssertInert(string.Concat(slide.Content.OfType<HtmlSegment>().Select(s => s.Html)));
            HtmlSafety.AssertInert(slide.NotesHtml);
        }
        foreach (var figure in r.Paper.OfType<FigureSegment>()) HtmlSafety.AssertInert(figure.Figure.CaptionHtml);
    }

    [Fact]
    public async Task FrontMatterPayloads_InAbstractAuthorsAndReferences_StayText()
    {
        const string x = "<img src=x onerror=alert(1)>";
        var r = await ReportRenderer.RenderAsync($$"""
            ---
            title: "{{x}}"
            authors:
              - name: "{{x}}"
                affiliation: "<script>alert(1)</script>"
            abstract: "{{x}} [a](javascript:alert(1))"
            references:
              - id: evil
                title: "{{x}}"
                doi: "\"><script>alert(1)</script>"
                url: "javascript:alert(1)"
            ---
            Cite [@evil].
            """, TestRuns.Default(), TestContext.Current.CancellationToken);
        HtmlSafety.AssertInert(r.AbstractHtml);
        HtmlSafety.AssertInert(r.StaticBody());
        Assert.DoesNotContain("<script", r.StaticBody());
        Assert.Equal(x, r.Front.Title); // text: the pages encode it
    }

    [Fact]
    public void FigureSvg_OfHostileTitlesAndNames_HasNoScriptHandlerOrLink()
    {
        const string x = "<script>alert(1)</script><img src=x onerror=alert(1)>";
        var figure = TestRuns.HebbResult().Figures[0] with { Title = x, XAxis = new Shared.Results.Axis(x), Markers = [new Shared.Results.Marker(2, x)] };
        var svg = Portal.Components.Charts.FigureSvg.Render(figure with { Traces = [.. figure.Traces.Select(t => t with { Name = x })] });
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + svg + "</body>");
        var elements = document.Body!.QuerySelectorAll("*").ToList();
        Assert.Equal("svg", elements[0].LocalName);
        Assert.All(elements, e => Assert.DoesNotContain(e.LocalName, new[] { "script", "img", "foreignobject", "a", "image", "use" }));
        Assert.All(elements, e => Assert.DoesNotContain(e.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Name.Contains("href")));
    }

    [Fact]
    public void SafeIds_AreKept_OtherIdsDropped_FragmentLinksStayInThePage()
    {
        var s = Portal.Features.Html.SafeHtml.ForReports();
        var html = s.Sanitize("<h2 id=\"sec-a\">a</h2><p id=\"portal\">x</p><a href=\"#fig-1\">f</a><a href=\"https://doi.org/1\">d</a>");
        Assert.Contains("id=\"sec-a\"", html);
        Assert.DoesNotContain("id=\"portal\"", html);
        Assert.Contains("<a href=\"#fig-1\">f</a>", html);
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", html);
    }
}
