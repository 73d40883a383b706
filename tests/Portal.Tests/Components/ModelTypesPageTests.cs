using Bunit;
using Compute;
using Portal.Features.Models;

namespace Portal.Tests.Components;

public class ModelTypesPageTests : ComponentTestContext
{
    [Fact]
    public void EveryModelType_HasAContentsEntry_NotesAndANewModelButtonIntoTheCallersWorkspace()
    {
        var page = Render<ModelTypesPage>();
        page.WaitForAssertion(() => Assert.Equal(ModelRegistry.All.Count, page.FindAll("[data-testid=new-model-of-type]").Count));
        var contents = page.Find("[data-testid=model-type-toc]");
        foreach (var type in ModelRegistry.All)
        {
            var id = type.Info.Id;
            Assert.NotNull(contents.QuerySelector($"a[href='/model-types#{id}']"));
            Assert.NotNull(page.Find($"[id='{id}']"));
            Assert.Contains($"href=\"/workspaces/{WorkspaceId}/models/new?type={id}\"", page.Markup);
            Assert.Contains($"href=\"/docs/science/{id}\"", page.Markup);
        }
    }
}
