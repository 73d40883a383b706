namespace Portal.Features.Compare;

public static class CompareFeature
{
    public static IServiceCollection AddCompare(this IServiceCollection services) => services.AddScoped<CompareService>();
}
