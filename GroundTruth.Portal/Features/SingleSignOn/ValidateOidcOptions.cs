using GroundTruth.Portal.Security;
using Microsoft.Extensions.Options;

namespace GroundTruth.Portal.Features.SingleSignOn;

public sealed class ValidateOidcOptions : IValidateOptions<OidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out _))
        {
            errors.Add($"{OidcOptions.Section}:Authority must be an absolute URL.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add($"{OidcOptions.Section}:ClientId is required when {OidcOptions.Section}:Authority is set.");
        }

        if (!Roles.All.Contains(options.DefaultRole) || options.DefaultRole == Roles.Admin)
        {
            errors.Add($"{OidcOptions.Section}:DefaultRole must be one of {string.Join(", ", Roles.All.Except([Roles.Admin]))}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
