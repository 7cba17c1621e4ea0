namespace Pushwright.Sample.Web;

/// <summary>
/// VAPID keys for a first run without configured keys: generated once and kept in the database,
/// so a restart keeps them (every subscription is bound to the public key it was made with).
/// </summary>
/// <remarks>
/// Convenient for trying the sample. A real deployment generates the pair once
/// (<c>webpush generate-vapid-keys</c>) and keeps the private key in a secret store, then sets
/// <c>WebPush:PublicKey</c> and <c>WebPush:PrivateKey</c>.
/// </remarks>
internal static class StoredVapidKeys
{
    /// <summary>Returns the stored pair, generating and storing one the first time.</summary>
    /// <returns>The public and private key, unpadded base64url.</returns>
    public static (string PublicKey, string PrivateKey) GetOrCreate(SampleDatabase database)
    {
        using var connection = database.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS vapid_keys (id INTEGER PRIMARY KEY CHECK (id = 1), public_key TEXT NOT NULL, private_key TEXT NOT NULL);";
            create.ExecuteNonQuery();
        }

        // INSERT OR IGNORE: if two instances start at once, the first pair wins and both read it back.
        var generated = VapidKeys.Generate();
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT OR IGNORE INTO vapid_keys (id, public_key, private_key) VALUES (1, $public, $private);";
            insert.Parameters.AddWithValue("$public", generated.PublicKeyBase64Url);
            insert.Parameters.AddWithValue("$private", generated.ExportPrivateKeyBase64Url());
            insert.ExecuteNonQuery();
        }

        using var select = connection.CreateCommand();
        select.CommandText = "SELECT public_key, private_key FROM vapid_keys WHERE id = 1;";
        using var reader = select.ExecuteReader();
        reader.Read();
        return (reader.GetString(0), reader.GetString(1));
    }
}
