namespace StaffGuideBot.Guidance.Content;

public sealed class ContactDirectory
{
    public IReadOnlyList<Contact> School { get; init; } = [];

    public IReadOnlyList<Contact> Local { get; init; } = [];

    public IReadOnlyList<Contact> National { get; init; } = [];

    public IEnumerable<Contact> All => School.Concat(Local).Concat(National);

    public Contact? Find(string id) => All.FirstOrDefault(c => c.Id == id);

    /// <summary>These contacts, followed in each group by the contacts of <paramref name="older"/> whose ids these lack.</summary>
    public ContactDirectory Over(ContactDirectory older)
    {
        ArgumentNullException.ThrowIfNull(older);
        var ids = All.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return new ContactDirectory
        {
            School = [.. School, .. older.School.Where(c => !ids.Contains(c.Id))],
            Local = [.. Local, .. older.Local.Where(c => !ids.Contains(c.Id))],
            National = [.. National, .. older.National.Where(c => !ids.Contains(c.Id))],
        };
    }
}
