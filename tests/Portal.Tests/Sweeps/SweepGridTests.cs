using System.Text.Json;
using Portal.Features.Sweeps;
using Shared.Models;
using static Portal.Tests.Sweeps.SweepHarness;

namespace Portal.Tests.Sweeps;

public class SweepGridTests
{
    private static ModelSchema Schema => Compute.ModelRegistry.Find(Compute.Perceptron.OnlineHebbModel.Id)!.Info.Schema;

    private static (SweepGrid? Grid, List<FieldError> Errors) Resolve(SweepRequest request, int max = 2000)
    {
        var errors = new List<FieldError>();
        return (SweepGrid.Resolve(Schema, request, max, errors), errors);
    }

    [Fact]
    public void Resolve_LogRange_HitsBothEndsExactlyAndIsGeometric()
    {
        var (grid, errors) = Resolve(new SweepRequest { Axes = [new() { Parameter = "alphaMax", From = 0.1, To = 10, Count = 5, Scale = "log" }], SeedCount = 3 });

        Assert.Empty(errors);
        var values = grid!.Axes[0].Values.Select(v => v.GetDouble()).ToArray();
        Assert.Equal([0.1, Math.Sqrt(0.1), 1, Math.Sqrt(10), 10], values, new ToleranceComparer(1e-9));
        Assert.Equal([1L, 2, 3], grid.Seeds);
        Assert.Equal(15, grid.MemberCount);
    }

    [Fact]
    public void Resolve_IntegerLinearRange_RoundsAndDropsRepeats()
    {
        var (grid, errors) = Resolve(new SweepRequest { Axes = [new() { Parameter = "n", From = 10, To = 12, Count = 5 }], Seeds = [7] });

        Assert.Empty(errors);
        Assert.Equal("N", grid!.Axes[0].Parameter);
        Assert.Equal(["10", "11", "12"], grid.Axes[0].Values.Select(v => v.GetRawText()));
    }

    [Fact]
    public void Resolve_TwoAxes_ProductOrdersFirstAxisSlowest()
    {
        var (grid, _) = Resolve(new SweepRequest { Axes = [Values("N", 20, 40), Values("alphaMax", 1, 2, 3)], SeedCount = 2 });

        var points = grid!.Points().Select(p => grid.Describe(p)).ToList();
        Assert.Equal(6, points.Count);
        Assert.Equal("N = 20, alphaMax = 1", points[0]);
        Assert.Equal("N = 20, alphaMax = 3", points[2]);
        Assert.Equal("N = 40, alphaMax = 1", points[3]);
        Assert.Equal(12, grid.MemberCount);
    }

    [Fact]
    public void Resolve_ValueOutOfRange_NamesThePointAndTheLimit()
    {
        var (grid, errors) = Resolve(new SweepRequest { Axes = [Values("alphaMax", 1, 500)], SeedCount = 1 });

        Assert.Null(grid);
        var error = Assert.Single(errors);
        Assert.Equal("axes[0].values", error.Field);
        Assert.Contains("alphaMax = 500", error.Message);
        Assert.Contains("200", error.Message);
    }

    [Fact]
    public void Resolve_TooManyMembers_NamesTheCountAndTheLimit()
    {
        var (grid, errors) = Resolve(new SweepRequest { Axes = [new() { Parameter = "alphaMax", From = 1, To = 2, Count = 30 }], SeedCount = 10 }, max: 200);

        Assert.Null(grid);
        var error = Assert.Single(errors);
        Assert.Equal("members", error.Field);
        Assert.Contains("30 points × 10 seeds = 300 runs; the limit is 200", error.Message);
    }

    [Theory]
    [InlineData("""{"axes":[],"seedCount":1}""", "axes")]
    [InlineData("""{"axes":[{"parameter":"a"},{"parameter":"b"},{"parameter":"c"}],"seedCount":1}""", "axes")]
    [InlineData("""{"axes":[{"parameter":"beta","values":[1]}],"seedCount":1}""", "axes[0].parameter")]
    [InlineData("""{"axes":[{"parameter":"N","values":[20],"from":1,"to":2,"count":2}],"seedCount":1}""", "axes[0]")]
    [InlineData("""{"axes":[{"parameter":"alphaMax","from":-1,"to":2,"count":3,"scale":"log"}],"seedCount":1}""", "axes[0]")]
    [InlineData("""{"axes":[{"parameter":"alphaMax","from":1,"to":2,"count":3,"scale":"cubic"}],"seedCount":1}""", "axes[0].scale")]
    [InlineData("""{"axes":[{"parameter":"alphaMax","from":1,"to":2,"count":0}],"seedCount":1}""", "axes[0].count")]
    [InlineData("""{"axes":[{"parameter":"N","values":[20]},{"parameter":"n","values":[30]}],"seedCount":1}""", "axes[1].parameter")]
    [InlineData("""{"axes":[{"parameter":"N","values":[20]}]}""", "seeds")]
    [InlineData("""{"axes":[{"parameter":"N","values":[20]}],"seedCount":1,"seeds":[1]}""", "seeds")]
    [InlineData("""{"axes":[{"parameter":"N","values":[20]}],"seeds":[-4]}""", "seeds")]
    [InlineData("""{"axes":[{"parameter":"N","values":[20]}],"seedCount":1,"overrides":{"N":30}}""", "overrides.N")]
    [InlineData("""{"axes":[{"parameter":"N","values":[20]}],"seedCount":1,"overrides":{"samples":1}}""", "overrides.samples")]
    public void Resolve_BadRequest_NamesTheField(string json, string field)
    {
        var request = JsonSerializer.Deserialize<SweepRequest>(json, JsonSerializerOptions.Web)!;

        var (grid, errors) = Resolve(request);

        Assert.Null(grid);
        Assert.Contains(errors, e => e.Field == field);
    }

    [Fact]
    public void PointKey_OfGridValue_EqualsTheRunSpecsText()
    {
        var (grid, _) = Resolve(new SweepRequest { Axes = [Values("alphaMax", 2, 0.5)], SeedCount = 1 });
        var errors = new List<FieldError>();
        var spec = Compute.ModelRegistry.Prepare(Compute.Perceptron.OnlineHebbModel.Id,
            new Dictionary<string, JsonElement> { ["alphaMax"] = J(2.0) }, 1, Shared.Runs.RunLimits.Default, errors)!;

        Assert.Equal((SweepGrid.PointKey([grid!.Axes[0].Values[0]]), 1L), SweepMember.KeyOf(grid, spec.ToCanonicalJson()));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Abs(y));
        public int GetHashCode(double obj) => 0;
    }
}
