using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portal.Tests.Api;

/// <summary>
/// A minimal SMTP server on a free local port that accepts every message and keeps its text, so that tests read the
/// mail the portal really sent through its SMTP client.
/// </summary>
public sealed class SmtpCapture : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(string To, string Data)> _messages = [];

    public SmtpCapture()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<(string To, string Data)> Messages
    {
        get { lock (_messages) return [.. _messages]; }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            _ = ConverseAsync(client);
        }
    }

    private async Task ConverseAsync(TcpClient client)
    {
        using var _ = client;
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 capture ready");
        var to = "";
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', ':')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO": await writer.WriteLineAsync("250 capture"); break;
                case "RCPT": to = line[(line.IndexOf('<') + 1)..line.IndexOf('>')]; await writer.WriteLineAsync("250 OK"); break;
                case "DATA":
                    await writer.WriteLineAsync("354 end with .");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } body && body != ".") data.AppendLine(body);
                    lock (_messages) _messages.Add((to, data.ToString()));
                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT": await writer.WriteLineAsync("221 bye"); return;
                default: await writer.WriteLineAsync("250 OK"); break;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}

/// <summary>A portal with a mail server: the capture above.</summary>
public sealed class MailingPortalFactory : PortalFactory
{
    public MailingPortalFactory()
    {
        Settings["Portal:Smtp:Host"] = "127.0.0.1";
        Settings["Portal:Smtp:Port"] = Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["Portal:Smtp:EnableSsl"] = "false";
    }

    public SmtpCapture Mail { get; } = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Mail.Dispose();
    }
}
