using Portal.Features.Comments;

namespace Portal.Tests.Collaboration;

public class SafeMarkdownTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<svg onload=alert(1)></svg>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](  javascript:alert(1))")]
    [InlineData("[click](java&#x09;script:alert(1))")]
    [InlineData("[click](vbscript:msgbox(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[ref][1]\n\n[1]: javascript:alert(1)")]
    [InlineData("[x](https://example.org \"title\" onmouseover=alert(1))")]
    [InlineData("<form action=\"https://evil.example\"><button>go</button></form>")]
    public void Payload_LeavesNothingExecutable(string markdown) => HtmlSafety.AssertInert(SafeMarkdown.ToHtml(markdown));

    [Fact]
    public void Markdown_StillRenders_AndLinksOpenSafely()
    {
        var html = SafeMarkdown.ToHtml("**Gardner** capacity α_c = 2, see [the paper](https://doi.org/10.1088/0305-4470/21/1/030).\n\n- [x] rerun\n\n| N | ε |\n|---|---|\n| 100 | 0.2 |");
        Assert.Contains("<strong>Gardner</strong>", html);
        Assert.Contains("href=\"https://doi.org/10.1088/0305-4470/21/1/030\"", html);
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", html);
        Assert.Contains("<table>", html);
        Assert.Contains("type=\"checkbox\"", html);
        Assert.Contains("disabled", html);
    }

    [Fact]
    public void Mentions_ResolveHandlesAndAddresses_OfMembersOnly()
    {
        (string, string)[] members = [("u1", "gardner@lab.org"), ("u2", "derrida@lab.org"), ("u3", "derrida@other.org")];
        Assert.Equal(["u1"], Mentions.Resolve("thanks @gardner!", members));
        Assert.Empty(Mentions.Resolve("@derrida is ambiguous", members));
        Assert.Equal(["u3"], Mentions.Resolve("ask @derrida@other.org.", members));
        Assert.Empty(Mentions.Resolve("mail me at me@gardner.org or @nobody", members));
    }
}
