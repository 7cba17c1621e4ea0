using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pushwright.Sample.Fanout.Messaging;

/// <summary>Source-generated JSON for the messages: no reflection, camelCase names.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(BatchMessage))]
internal sealed partial class FanoutJsonContext : JsonSerializerContext;
