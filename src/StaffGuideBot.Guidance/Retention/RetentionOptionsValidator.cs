using Microsoft.Extensions.Options;

namespace StaffGuideBot.Guidance.Retention;

/// <summary>Checks <see cref="RetentionOptions"/> at start-up; each problem names its key.</summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    /// <summary>The shortest time a recorded report or an abandoned draft is kept: a mistyped "1" can't empty the store.</summary>
    public static TimeSpan Shortest { get; } = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var prefix = RetentionOptions.SectionName + ":";
        if (options.AfterRecorded < Shortest)
        {
            errors.Add($"{prefix}AfterRecorded must be at least one day (1.00:00:00), such as 30.00:00:00.");
        }

        if (options.AbandonedDraftsAfter < Shortest)
        {
            errors.Add($"{prefix}AbandonedDraftsAfter must be at least one day (1.00:00:00), such as 14.00:00:00.");
        }

        if (options.UnrecordedReminderEvery < TimeSpan.FromHours(1))
        {
            errors.Add($"{prefix}UnrecordedReminderEvery must be at least one hour, such as 7.00:00:00.");
        }

        if (options.DraftWarningBefore <= TimeSpan.Zero || options.DraftWarningBefore >= options.AbandonedDraftsAfter)
        {
            errors.Add($"{prefix}DraftWarningBefore must be positive and shorter than AbandonedDraftsAfter, such as 1.00:00:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
