using Bunit;
using Compute.Perceptron;
using Portal.Features.Models;

namespace Portal.Tests.Components;

public class ParameterFormTests : ComponentTestContext
{
    private static ParameterFormState NewState() => new(new OnlineHebbModel().Info.Schema);

    [Fact]
    public void SwitchingTheRule_ShowsAndHidesTheFieldThatOnlyItUses()
    {
        var state = new ParameterFormState(new OnlineModel().Info.Schema);
        var form = Render<ParameterForm>(p => p.Add(x => x.State, state));
        Assert.Empty(form.FindAll("#param-kappa"));  // the default rule is the perceptron rule: no margin

        var rule = form.FindComponents<MudBlazor.MudSelect<string>>().Single(s => s.Instance.Label == "On-line rule");
        form.InvokeAsync(() => rule.Instance.ValueChanged.InvokeAsync("hinge"));
        form.WaitForAssertion(() => Assert.Single(form.FindAll("#param-kappa")));
        form.Find("#param-kappa").Input("99");
        form.WaitForAssertion(() => Assert.Contains("kappa must be at most 10", form.Markup));
        Assert.False(state.Validate());

        rule = form.FindComponents<MudBlazor.MudSelect<string>>().Single(s => s.Instance.Label == "On-line rule");
        form.InvokeAsync(() => rule.Instance.ValueChanged.InvokeAsync("hebb"));
        form.WaitForAssertion(() => Assert.Empty(form.FindAll("#param-kappa")));
        // The hidden field's bad value neither blocks the form nor is sent.
        Assert.True(state.Validate());
        Assert.False(state.ToJson().ContainsKey("kappa"));
    }

    [Fact]
    public void Form_RendersEveryParameterOfTheSchemaWithDefaults()
    {
        var state = NewState();
        var form = Render<ParameterForm>(p => p.Add(x => x.State, state));
        foreach (var spec in state.Schema.Parameters)
            Assert.Equal(spec.Default, form.Find($"#param-{spec.Name}").GetAttribute("value"));
    }

    [Fact]
    public void TypingAnAbsurdSize_ShowsTheLimitInline_AndKeepsWhatWasTyped()
    {
        var state = NewState();
        var form = Render<ParameterForm>(p => p.Add(x => x.State, state));

        form.Find("#param-N").Input("1000000000");

        form.WaitForAssertion(() => Assert.Contains("N must be at most 100000", form.Markup));
        Assert.Equal("1000000000", state.Text("N"));
        Assert.False(state.Validate());
    }

    [Fact]
    public void TypingText_InANumberField_SaysWhatIsExpected()
    {
        var state = NewState();
        var form = Render<ParameterForm>(p => p.Add(x => x.State, state));

        form.Find("#param-alphaMax").Input("ten");
        form.WaitForAssertion(() => Assert.Contains("alphaMax must be a number", form.Markup));

        form.Find("#param-alphaMax").Input("12.5");
        form.WaitForAssertion(() => Assert.DoesNotContain("alphaMax must be a number", form.Markup));
        Assert.True(state.Validate());
        Assert.Equal(12.5, state.ToJson()["alphaMax"].GetDouble());
    }

    [Fact]
    public void ServerErrors_AppearOnTheirField()
    {
        var state = NewState();
        state.ShowServerErrors([new Shared.Models.FieldError("N", "This run would need about 3.0e13 operations; the limit is 2.0e12. Reduce N.")]);
        var form = Render<ParameterForm>(p => p.Add(x => x.State, state));
        Assert.Contains("Reduce N", form.Markup);
    }
}
