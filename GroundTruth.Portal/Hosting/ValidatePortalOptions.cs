using Microsoft.Extensions.Options;

namespace GroundTruth.Portal.Hosting;

/// <summary>Cross-field rules, all reported at once at start-up.</summary>
public sealed class ValidatePortalOptions : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options)
    {
        var errors = new List<string>();
        if (options.DatabaseProvider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add($"{PortalOptions.Section}:ConnectionString is required when {PortalOptions.Section}:DatabaseProvider is Postgres.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
