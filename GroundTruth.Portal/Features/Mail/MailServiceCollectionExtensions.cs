using GroundTruth.Portal.Components.Account;
using GroundTruth.Portal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GroundTruth.Portal.Features.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>
    /// Mail through <c>GroundTruth:Smtp</c>. Once a server is configured, Identity sends real account mails and
    /// accounts must confirm their e-mail before signing in; without one, nothing changes (links are shown to copy).
    /// </summary>
    public static IServiceCollection AddGroundTruthMail(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, ValidateSmtpOptions>();
        services.AddSingleton<MailService>();
        services.AddSingleton<IEmailSender<ApplicationUser>>(sp => sp.GetRequiredService<MailService>().IsConfigured
            ? new IdentityEmailSender(sp.GetRequiredService<MailService>())
            : new IdentityNoOpEmailSender());
        services.AddOptions<IdentityOptions>().Configure<IOptions<SmtpOptions>>((identity, smtp) =>
            identity.SignIn.RequireConfirmedAccount = smtp.Value.IsConfigured);
        return services;
    }
}
