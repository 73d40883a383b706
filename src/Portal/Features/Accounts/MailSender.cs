using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace Portal.Features.Accounts;

/// <summary>The "Portal:Smtp" section. Without a host the portal sends no mail, and admins hand out reset links instead.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Portal:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public bool EnableSsl { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "phase-portal@localhost";
}

/// <summary>Plain-text mail through the configured SMTP server.</summary>
public sealed class MailSender(IOptions<SmtpOptions> options, ILogger<MailSender> logger)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.Host);

    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var o = options.Value;
        if (!IsConfigured) throw new InvalidOperationException("No SMTP host is configured (Portal:Smtp:Host).");
        using var client = new SmtpClient(o.Host, o.Port) { EnableSsl = o.EnableSsl };
        if (!string.IsNullOrEmpty(o.UserName)) client.Credentials = new NetworkCredential(o.UserName, o.Password);
        using var message = new MailMessage(o.From, to, subject, body);
        await client.SendMailAsync(message, ct).ConfigureAwait(false);
        logger.LogInformation("Mail '{Subject}' sent to {To}", subject, to);
    }
}
