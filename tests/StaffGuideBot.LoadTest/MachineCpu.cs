using System.Globalization;

namespace StaffGuideBot.LoadTest;

/// <summary>
/// Whole-machine CPU use from <c>/proc/stat</c> (Linux), so a result can say how much of the cores other processes
/// took during the measurement. Null elsewhere.
/// </summary>
internal readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu? Read()
    {
        try
        {
            var first = File.ReadLines("/proc/stat").FirstOrDefault();
            if (first is null || !first.StartsWith("cpu ", StringComparison.Ordinal))
            {
                return null;
            }

            var fields = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal [guest guest_nice, already counted in user/nice]
            var total = fields.Take(8).Sum();
            var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
            return new MachineCpu(total - idle, total);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Cores busy on average between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static double? CoresBusy(MachineCpu? before, MachineCpu? after) =>
        before is { } b && after is { } a && a.Total > b.Total
            ? (double)(a.Busy - b.Busy) / (a.Total - b.Total) * Environment.ProcessorCount
            : null;
}
