using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>
/// A self-signed certificate for the push endpoint's HTTPS listener on 127.0.0.1, made in-process.
/// Firefox never calls the endpoint (only senders do), so only the senders have to trust it: child
/// processes through <see cref="TrustEnvironment"/> (.NET on Linux reads <c>SSL_CERT_DIR</c>),
/// in-process clients through <see cref="IsThisCertificate"/>.
/// </summary>
public sealed class EndpointCertificate : IDisposable
{
    private EndpointCertificate(X509Certificate2 certificate, string trustDirectory)
    {
        Certificate = certificate;
        TrustDirectory = trustDirectory;
    }

    /// <summary>Gets the certificate with its private key, for Kestrel.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Gets a directory holding only this certificate as PEM: a trust store for child processes.</summary>
    public string TrustDirectory { get; }

    /// <summary>Creates the certificate and writes its trust directory under <paramref name="runDirectory"/>.</summary>
    public static EndpointCertificate Create(string runDirectory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1, O=WebPush browser tests", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = TimeProvider.System.GetUtcNow();
        using var ephemeral = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));

        // Through PKCS#12 so the key is usable by SslStream on every platform.
        var certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        var trustDirectory = Path.Combine(runDirectory, "trusted-ca");
        Directory.CreateDirectory(trustDirectory);
        File.WriteAllText(Path.Combine(trustDirectory, "push-endpoint.pem"), certificate.ExportCertificatePem() + "\n", Encoding.ASCII);
        return new EndpointCertificate(certificate, trustDirectory);
    }

    /// <summary>The environment a child .NET (or OpenSSL-based) process needs to trust the endpoint.</summary>
    public (string Name, string Value) TrustEnvironment() => ("SSL_CERT_DIR", TrustDirectory);

    /// <summary>A server-certificate check for in-process clients: exactly this certificate.</summary>
    public bool IsThisCertificate(X509Certificate? presented) =>
        presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(Certificate.RawData);

    /// <inheritdoc/>
    public void Dispose() => Certificate.Dispose();
}
