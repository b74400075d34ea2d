using System.ComponentModel.DataAnnotations;

namespace GroundTruth.Portal.Features.Mail;

/// <summary>How the connection to the mail server is secured.</summary>
public enum SmtpTls
{
    /// <summary>STARTTLS when the server offers it (port 587), implicit TLS on port 465.</summary>
    Auto,

    /// <summary>Require STARTTLS.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>No encryption, for a relay on the same host or network only.</summary>
    None,
}

/// <summary>The <c>GroundTruth:Smtp</c> section. Without a <see cref="Host"/>, no mail is sent and links are shown to copy.</summary>
public sealed class SmtpOptions
{
    public const string Section = "GroundTruth:Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>User name for AUTH; none means the server takes mail without signing in.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>GroundTruth &lt;labeling@example.com&gt;</c>.</summary>
    public string From { get; set; } = "";

    public SmtpTls Tls { get; set; } = SmtpTls.Auto;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
