using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pushwright.Testing.Internal;

/// <summary>A self-signed P-256 certificate for 127.0.0.1 and localhost, valid for a week, for the loopback listeners.</summary>
internal static class LoopbackCertificate
{
    public static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Pushwright loopback push service", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        // Certificates are checked against the real clock, whatever the service's TimeProvider says.
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        // Re-imported from PKCS#12 so that the private key is usable by SslStream on every platform.
        return new X509Certificate2(certificate.Export(X509ContentType.Pkcs12));
    }
}
