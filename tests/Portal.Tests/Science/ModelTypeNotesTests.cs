using Bunit;
using Compute;
using Portal.Features.Science;
using Portal.Tests.Components;

namespace Portal.Tests.Science;

public class ModelTypeNotesTests : ComponentTestContext
{
    public static TheoryData<string> ModelTypes() => [.. ModelRegistry.All.Select(t => t.Info.Id)];

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public async Task EveryModelType_HasNotes_ThatRenderWithoutProblems_AndCiteTheirSources(string modelType)
    {
        var rendering = ModelTypeNotes.RenderAsync(modelType);
        Assert.True(rendering is not null, $"docs/model-types/{modelType}.md is missing");
        var notes = await rendering;
        Assert.True(notes.Problems.Count == 0, string.Join("\n", notes.Problems));
        Assert.Contains($"({modelType})", notes.Front.Title);
        Assert.False(string.IsNullOrWhiteSpace(notes.AbstractHtml));
        Assert.NotEmpty(notes.Front.References);
        // A reader can find every source: a DOI, an arXiv number or address, or a book's publisher.
        foreach (var reference in notes.Front.References)
            Assert.True(reference.Doi is not null || reference.Arxiv is not null || reference.Url is not null || reference.Journal is not null,
                $"{modelType}: the reference {reference.Key} says nowhere where to find it");
        var html = string.Concat(notes.Paper.OfType<Portal.Features.Reports.HtmlSegment>().Select(s => s.Html));
        Assert.Contains("Checks", html);
        // Every citation and cross-reference was understood (none left as typed).
        Assert.DoesNotContain("[@", html);
        Assert.DoesNotContain("{#", html);
        Assert.Contains("class=\"references\"", html);
        Assert.DoesNotContain("SCIENCE.md", ModelTypeNotes.SourceOf(modelType));
        Assert.DoesNotContain("shared/", ModelTypeNotes.SourceOf(modelType));
    }

    [Fact]
    public void TheNotesPage_ShowsTheExactResultAsAPaper_WithNumberedEquationsAndReferences()
    {
        var page = Render<ModelTypeNotesPage>(p => p.Add(x => x.ModelType, "ebm.ising"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=paper]")));
        var paper = page.Find("[data-testid=paper]").TextContent;
        Assert.Contains("2D Ising model", paper);
        Assert.Contains("238.3872472042", paper);
        Assert.Contains("Kaufman", paper);
        Assert.Contains("10.1103/PhysRev.76.1232", page.Markup);
        // @eq:kaufman became a numbered link to the displayed equation.
        Assert.Contains("Eq. (", paper);
    }

    [Fact]
    public void AnUnknownModelType_IsNotFound()
    {
        var page = Render<ModelTypeNotesPage>(p => p.Add(x => x.ModelType, "ebm.nonsense"));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=paper]")));
        Assert.Contains("not found", page.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TheIndex_ListsEveryModelType_WithALinkToItsNotes()
    {
        var page = Render<ScienceNotesIndexPage>();
        foreach (var type in ModelRegistry.All)
            Assert.Contains($"href=\"/docs/science/{type.Info.Id}\"", page.Markup);
    }
}
