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
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl) && !IsHttpUrl(options.ServiceUrl))
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

        if (options.EscalateAfterReminders is < 0 or > DslReminderService.MaxReminders)
        {
            errors.Add($"{prefix}EscalateAfterReminders must be from 0 (off) to {DslReminderService.MaxReminders}.");
        }

        if (options.TermStarts is { } starts && (starts.Length < 2 || starts.Any(s => !DateOnly.TryParseExact("2000-" + s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))))
        {
            errors.Add($"{prefix}TermStarts must list at least two term starts, each month-day such as 09-01.");
        }

        if (options.SchoolHours.End <= options.SchoolHours.Start)
        {
            errors.Add($"{prefix}SchoolHours:End must be later than SchoolHours:Start (times in UK time, such as 08:00 and 17:00).");
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

        var allegations = options.Allegations;
        if (!string.IsNullOrWhiteSpace(allegations.ServiceUrl) && !IsHttpUrl(allegations.ServiceUrl))
        {
            errors.Add($"{prefix}Allegations:ServiceUrl must be an absolute http(s) address, such as https://smba.trafficmanager.net/uk/.");
        }

        if (allegations.Roster.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{prefix}Allegations:Roster has an empty entry; each entry is an Entra object id.");
        }

        if (!string.IsNullOrWhiteSpace(allegations.ChannelId) && !allegations.Roster.Any(r => !string.IsNullOrWhiteSpace(r)))
        {
            errors.Add($"{prefix}Allegations:Roster must name who may act on allegations (the headteacher and the chair of governors) when {prefix}Allegations:ChannelId is set.");
        }

        if (!string.IsNullOrWhiteSpace(allegations.ChannelId) && string.Equals(allegations.ChannelId, options.ChannelId, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{prefix}Allegations:ChannelId must be a different channel from {prefix}ChannelId: allegations never go to the DSL channel.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
