using System.Globalization;
using Microsoft.Extensions.Logging;

namespace GroundTruth.Benchmarks;

/// <summary>
/// The options after the verb: <c>--name value</c> pairs. Each verb reads what it knows
/// and then calls <see cref="EnsureAllUsed"/>, so a mistyped option fails instead of silently using a default.
/// </summary>
internal sealed class BenchmarkArguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    private BenchmarkArguments(string commandLine) => CommandLine = commandLine;

    /// <summary>The verb and its options, for the report title.</summary>
    public string CommandLine { get; }

    public static BenchmarkArguments Parse(string verb, IReadOnlyList<string> options)
    {
        var parsed = new BenchmarkArguments(string.Join(' ', options.Prepend(verb).Select(o => o.Contains(' ', StringComparison.Ordinal) ? $"\"{o}\"" : o)));
        for (var i = 0; i < options.Count; i++)
        {
            if (!options[i].StartsWith("--", StringComparison.Ordinal) || options[i].Length == 2)
            {
                throw new UsageException($"Expected an option like --lines, found '{options[i]}'.");
            }

            var name = options[i][2..];
            string? value = i + 1 < options.Count && !options[i + 1].StartsWith("--", StringComparison.Ordinal) ? options[++i] : null;
            parsed._values[name] = value;
        }

        return parsed;
    }

    public int GetInt32(string name, int defaultValue, int min, int max)
    {
        var text = GetString(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            throw new UsageException($"--{name} takes a whole number from {min:N0} to {max:N0}; '{text}' is not one.");
        }

        return value;
    }

    public string? GetString(string name)
    {
        _used.Add(name);
        if (!_values.TryGetValue(name, out var value))
        {
            return null;
        }

        return value ?? throw new UsageException($"--{name} needs a value.");
    }

    /// <summary><c>--log-level</c>: the least level the portal's services log (to stderr); Warning unless given.</summary>
    public LogLevel GetLogLevel()
    {
        var text = GetString("log-level");
        if (text is null)
        {
            return LogLevel.Warning;
        }

        return Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(text, out _)
            ? level
            : throw new UsageException($"--log-level takes one of {string.Join(", ", Enum.GetNames<LogLevel>())}; '{text}' is not one.");
    }

    public void EnsureAllUsed()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"Unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}
