using System.Text.RegularExpressions;
using Microsoft.Extensions.FileProviders;

namespace Portal.Features.Reports;

/// <summary>
/// The static files an exported paper carries inline, read once from the portal's web root: KaTeX (script, styles,
/// and its woff2 fonts turned into data URIs), the report styles and the math script.
/// </summary>
public sealed partial class ReportAssets(IWebHostEnvironment environment)
{
    private readonly Lazy<(string KatexCss, string KatexJs, string ReportCss, string MathJs)> _files = new(() => Load(environment.WebRootFileProvider));

    public string KatexCss => _files.Value.KatexCss;
    public string KatexJs => _files.Value.KatexJs;
    public string ReportCss => _files.Value.ReportCss;
    public string MathJs => _files.Value.MathJs;

    private static (string, string, string, string) Load(IFileProvider files)
    {
        string Read(string path)
        {
            var file = files.GetFileInfo(path);
            if (!file.Exists) throw new FileNotFoundException($"The web root has no {path}.", path);
            using var reader = new StreamReader(file.CreateReadStream());
            return reader.ReadToEnd();
        }
        byte[] Bytes(string path)
        {
            using var stream = files.GetFileInfo(path).CreateReadStream();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray();
        }
        // Only the woff2 fonts are shipped: every other url() of the stylesheet is dropped with its format.
        var css = FontUrl().Replace(Read("lib/katex/katex.min.css"), m => m.Groups[2].Value == "woff2"
            ? $"url(data:font/woff2;base64,{Convert.ToBase64String(Bytes("lib/katex/fonts/" + m.Groups[1].Value + ".woff2"))}) format(\"woff2\")"
            : "");
        css = DanglingComma().Replace(css, "");
        // "</" never occurs in these files; guard anyway so that no script can close its own element early.
        return (css, Read("lib/katex/katex.min.js").Replace("</script", "<\\/script"), Read("css/report.css"), Read("js/report-math.js"));
    }

    [GeneratedRegex(@"url\(fonts/([A-Za-z0-9_-]+)\.(woff2|woff|ttf)\) format\(""[a-z0-9]+""\)")]
    private static partial Regex FontUrl();

    [GeneratedRegex(@",(?=[,;}])")]
    private static partial Regex DanglingComma();
}
