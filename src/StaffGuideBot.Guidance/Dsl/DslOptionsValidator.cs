using Microsoft.Extensions.Options;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>Checks <see cref="DslOptions"/> at start-up; each problem names its key.</summary>
public sealed class DslOptionsValidator : IValidateOptions<DslOptions>
{
    public ValidateOptionsResult Validate(string? name, DslOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var prefix = DslOptions.SectionName + ":";
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl)
            && !(Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            errors.Add($"{prefix}ServiceUrl must be an absolute http(s) address, such as https://smba.trafficmanager.net/uk/.");
        }

        if (options.DeliveryWarningAfter <= TimeSpan.Zero)
        {
            errors.Add($"{prefix}DeliveryWarningAfter must be positive.");
        }

        if (options.AcknowledgeWithin < TimeSpan.Zero)
        {
            errors.Add($"{prefix}AcknowledgeWithin must not be negative (0 turns reminders off).");
        }

        if (options.UrgentAcknowledgeWithin < TimeSpan.Zero)
        {
            errors.Add($"{prefix}UrgentAcknowledgeWithin must not be negative (0 turns reminders off).");
        }

        if (options.Roster.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{prefix}Roster has an empty entry; each entry is an Entra object id.");
        }

        if (options.Deputies.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{prefix}Deputies has an empty entry; each entry is an Entra object id.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
