using System;

namespace Pushwright.Sample.Fanout.Commands;

/// <summary>A command line or a setting that cannot be used: reported in one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
