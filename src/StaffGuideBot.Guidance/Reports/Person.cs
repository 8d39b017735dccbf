namespace StaffGuideBot.Guidance.Reports;

public sealed class Person
{
    public string? Name { get; set; }

    public string? AadObjectId { get; set; }
}
