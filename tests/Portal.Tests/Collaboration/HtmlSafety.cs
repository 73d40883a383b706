namespace Portal.Tests.Collaboration;

public static class HtmlSafety
{
    /// <summary>
    /// Parses the HTML as a browser would and checks what could run: no active elements, no event-handler
    /// attributes, no link or source with a scheme other than http, https or mailto. (A payload shown as
    /// escaped text is harmless and allowed.)
    /// </summary>
    public static void AssertInert(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html + "</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, new[] { "script", "iframe", "object", "embed", "svg", "math", "form", "button", "style", "link", "meta", "base" });
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {attribute.Name} on <{element.LocalName}>");
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "xlink:href")
                {
                    var value = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                    Assert.True(value.StartsWith("http://") || value.StartsWith("https://") || value.StartsWith("mailto:") || value.StartsWith('#') || value.StartsWith('/'),
                        $"{attribute.Name}=\"{attribute.Value}\" on <{element.LocalName}>");
                }
            }
        }
    }
}
