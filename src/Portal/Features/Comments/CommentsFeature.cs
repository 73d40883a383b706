namespace Portal.Features.Comments;

public static class CommentsFeature
{
    public static IServiceCollection AddComments(this IServiceCollection services) => services.AddScoped<CommentService>();
}
