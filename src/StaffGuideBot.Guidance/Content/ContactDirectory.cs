namespace StaffGuideBot.Guidance.Content;

public sealed record ContactDirectory(IReadOnlyList<Contact> School, IReadOnlyList<Contact> Local, IReadOnlyList<Contact> National)
{
    public IEnumerable<Contact> All => School.Concat(Local).Concat(National);

    public Contact? Find(string id) => All.FirstOrDefault(c => c.Id == id);

    /// <summary>These contacts, followed in each group by the contacts of <paramref name="older"/> whose ids these lack.</summary>
    public ContactDirectory Over(ContactDirectory older)
    {
        var ids = All.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return new(Keep(School, older.School), Keep(Local, older.Local), Keep(National, older.National));

        List<Contact> Keep(IReadOnlyList<Contact> mine, IReadOnlyList<Contact> theirs) => [.. mine, .. theirs.Where(c => !ids.Contains(c.Id))];
    }
}
