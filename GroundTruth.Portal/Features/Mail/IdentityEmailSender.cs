using System.Net;
using GroundTruth.Portal.Data;
using Microsoft.AspNetCore.Identity;

namespace GroundTruth.Portal.Features.Mail;

/// <summary>Identity's account mails (confirmation, password reset) through <see cref="MailService"/>; registered only when SMTP is configured.</summary>
/// <remarks>The account pages hand over links already HTML-encoded, so the text part decodes them.</remarks>
public sealed class IdentityEmailSender(MailService mail) : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        mail.SendAsync(email, "Confirm your GroundTruth account",
            $"Confirm your account by opening this link:\n{WebUtility.HtmlDecode(confirmationLink)}\n",
            $"<p>Confirm your account by <a href=\"{confirmationLink}\">clicking here</a>.</p>");

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        mail.SendAsync(email, "Reset your GroundTruth password",
            $"Reset your password by opening this link:\n{WebUtility.HtmlDecode(resetLink)}\n",
            $"<p>Reset your password by <a href=\"{resetLink}\">clicking here</a>.</p>");

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        mail.SendAsync(email, "Reset your GroundTruth password",
            $"Reset your password with this code: {resetCode}\n",
            $"<p>Reset your password with this code: {WebUtility.HtmlEncode(resetCode)}</p>");
}
