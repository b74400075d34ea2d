using Microsoft.Extensions.Options;

namespace GroundTruth.Portal.Features.Mail;

/// <summary>An SMTP host needs a valid sender; reported at start-up with every other problem.</summary>
public sealed class ValidateSmtpOptions : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (!MimeKit.MailboxAddress.TryParse(options.From, out _))
        {
            errors.Add($"{SmtpOptions.Section}:From must be a sender address (e.g. \"GroundTruth <labeling@example.com>\") when {SmtpOptions.Section}:Host is set.");
        }

        if (string.IsNullOrEmpty(options.User) != string.IsNullOrEmpty(options.Password))
        {
            errors.Add($"{SmtpOptions.Section}:User and {SmtpOptions.Section}:Password go together.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
