namespace StaffGuideBot.Guidance.Content;

/// <summary>The pack's contacts; <see cref="WhenNoOneAnswers"/> holds the ids of those to try when no one at school answers.</summary>
public sealed record ContactDirectory(IReadOnlyList<Contact> School, IReadOnlyList<Contact> Local, IReadOnlyList<Contact> National, IReadOnlyList<string> WhenNoOneAnswers)
{
    public IEnumerable<Contact> All => School.Concat(Local).Concat(National);

    /// <summary>Who to phone now, in order: the school's contacts, then those to try when no one there answers.</summary>
    public IEnumerable<Contact> ToPhoneNow => School.Concat(WhenNoOneAnswers.Select(Find).OfType<Contact>().Where(c => !School.Contains(c)));

    public Contact? Find(string id) => All.FirstOrDefault(c => c.Id == id);

    /// <summary>These contacts, followed in each group by the contacts of <paramref name="older"/> whose ids these lack.</summary>
    public ContactDirectory Over(ContactDirectory older)
    {
        var ids = All.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return new(Keep(School, older.School), Keep(Local, older.Local), Keep(National, older.National), WhenNoOneAnswers);

        List<Contact> Keep(IReadOnlyList<Contact> mine, IReadOnlyList<Contact> theirs) => [.. mine, .. theirs.Where(c => !ids.Contains(c.Id))];
    }
}
