using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GroundTruth.Portal.Features.Mail;

public enum MailStatus
{
    Sent,
    NotConfigured,
    Failed,
}

/// <summary>What happened to a message: sent, not sent because no server is configured, or failed (with why).</summary>
public sealed record MailOutcome(MailStatus Status, string? Error = null)
{
    public static MailOutcome Sent { get; } = new(MailStatus.Sent);

    public static MailOutcome NotConfigured { get; } = new(MailStatus.NotConfigured);
}

/// <summary>Sends mail through the configured SMTP server (MailKit). Failures are logged and returned, never thrown.</summary>
public sealed partial class MailService(IOptions<SmtpOptions> options, ILogger<MailService> logger)
{
    public bool IsConfigured => options.Value.IsConfigured;

    public async Task<MailOutcome> SendAsync(string to, string subject, string text, string html, CancellationToken cancellationToken = default)
    {
        var smtp = options.Value;
        if (!smtp.IsConfigured)
        {
            return MailOutcome.NotConfigured;
        }

        var message = new MimeMessage { Subject = subject };
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        try
        {
            using var client = new SmtpClient { Timeout = 30_000 };
            await client.ConnectAsync(smtp.Host!, smtp.Port, Map(smtp.Tls), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            LogSent(logger, subject, to);
            return MailOutcome.Sent;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, ex, subject, to, smtp.Host!, smtp.Port);
            return new MailOutcome(MailStatus.Failed, ex.Message);
        }
    }

    private static SecureSocketOptions Map(SmtpTls tls) => tls switch
    {
        SmtpTls.StartTls => SecureSocketOptions.StartTls,
        SmtpTls.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpTls.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.Auto,
    };

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Mail '{Subject}' sent to {To}")]
    private static partial void LogSent(ILogger logger, string subject, string to);

    [LoggerMessage(EventId = 401, Level = LogLevel.Error, Message = "Mail '{Subject}' to {To} could not be sent through {Host}:{Port}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string subject, string to, string host, int port);
}
