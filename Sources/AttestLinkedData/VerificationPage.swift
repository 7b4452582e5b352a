import Crypto
import Foundation

/// One self-contained HTML file that verifies an ES256 VC-JWT in the visitor's browser with the Web Crypto
/// API: no network (a Content-Security-Policy forbids every fetch), no external script. Everything shown
/// is read from the signed credential after its signature checks, so editing the page cannot make false
/// claims look valid — a changed byte in the credential shows "Not valid". It is the page a learner hosts
/// as the URL of a LinkedIn certification.
public enum VerificationPage {
    /// The JWS holds characters other than base64url and dots, so it cannot be embedded as it is.
    public struct NotACompactJWS: Error, Equatable, CustomStringConvertible {
        public var description: String { "the credential is not a compact JWS (three base64url parts)" }
    }

    /// The page for `jws`, titled `title` (escaped; the verified credential supplies everything else).
    /// `publishedKey` is the issuer's DID and public JWK when the page is served by the issuer itself (an
    /// organisation registry with a did:web or did:key): the browser then checks against that key when the
    /// credential names that DID. `notice` is a line the server states above the check (its status record).
    public static func html(
        jws: String, title: String = "Credential verification", publishedKey: (did: String, jwk: JSONValue)? = nil,
        notice: String? = nil
    ) throws -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
        guard !jws.isEmpty, jws.allSatisfy(allowed.contains), jws.split(separator: ".", omittingEmptySubsequences: false).count == 3 else {
            throw NotACompactJWS()
        }
        let scriptHash = Data(SHA256.hash(data: Data(script.utf8))).base64EncodedString()
        let keyScript = publishedKey.map { published in
            let text = JSONValue.object(["did": .string(published.did), "jwk": published.jwk]).canonicalText
            return "<script type=\"application/json\" id=\"issuer-key\">\(text.replacingOccurrences(of: "<", with: "\\u003c"))</script>\n"
        } ?? ""
        let noticeLine = notice.map { "<p id=\"notice\">\(escape($0))</p>\n" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-\(scriptHash)'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
            #status { padding: .6rem 1rem; border-radius: .4rem; background: #eee; }
            #status.valid { background: #dff5e1; color: #0b5d1e; }
            #status.invalid { background: #fde2e1; color: #8a1212; }
            dt { font-weight: 600; margin-top: .8rem; }
            dd { margin: .2rem 0 0 0; overflow-wrap: anywhere; }
            footer { margin-top: 2rem; font-size: .85rem; color: #555; }
            </style>
            </head>
            <body>
            \(noticeLine)<h1 id="status">Checking the signature…</h1>
            <dl id="facts"></dl>
            <footer>Checked in this browser with the Web Crypto API against the issuer key the credential names (did:jwk, ES256); nothing is fetched. The signed credential is below, for any other verifier.</footer>
            \(keyScript)<script type="application/jwt" id="credential">\(jws)</script>
            <script>\(script)</script>
            </body>
            </html>

            """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The verifier: decodes the JWS, imports the did:jwk P-256 key, checks the ES256 signature and the
    /// dates, and only then shows the credential's facts (as text, never as markup).
    static let script = """
        (async () => {
          const status = document.getElementById('status');
          const facts = document.getElementById('facts');
          const bytes = (s) => {
            if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('a part is not base64url');
            s = s.replace(/-/g, '+').replace(/_/g, '/');
            while (s.length % 4) s += '=';
            return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
          };
          const json = (s) => JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes(s)));
          const show = (label, value) => {
            if (value === undefined || value === null || value === '') return;
            const dt = document.createElement('dt');
            dt.textContent = label;
            const dd = document.createElement('dd');
            dd.textContent = String(value);
            facts.append(dt, dd);
          };
          try {
            const parts = document.getElementById('credential').textContent.trim().split('.');
            if (parts.length !== 3) throw new Error('the credential is not a compact JWS');
            const header = json(parts[0]);
            const payload = json(parts[1]);
            if (header.alg !== 'ES256') throw new Error('the signature algorithm is not ES256');
            const iss = payload.iss;
            if (typeof iss !== 'string') throw new Error('the credential names no issuer');
            const published = document.getElementById('issuer-key');
            const known = published ? JSON.parse(published.textContent) : null;
            let jwk;
            if (iss.startsWith('did:jwk:')) jwk = json(iss.slice(8));
            else if (known && known.did === iss && typeof header.kid === 'string' && header.kid.startsWith(iss + '#')) jwk = known.jwk;
            else throw new Error('the issuer is not a did:jwk');
            if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') throw new Error('the issuer key is not P-256');
            const key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true },
              { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
            const signed = new TextEncoder().encode(parts[0] + '.' + parts[1]);
            const ok = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, bytes(parts[2]), signed);
            if (!ok) throw new Error('the signature does not match the credential');
            const now = Date.now();
            if (payload.validFrom && now < Date.parse(payload.validFrom)) throw new Error('not yet valid (valid from ' + payload.validFrom + ')');
            if (payload.validUntil && now >= Date.parse(payload.validUntil)) throw new Error('expired on ' + payload.validUntil);
            const subject = payload.credentialSubject || {};
            const achievement = subject.achievement || {};
            const issuer = payload.issuer || {};
            status.textContent = 'Valid: ' + (payload.name || 'credential') + ', signed by ' + (issuer.name || iss);
            status.className = 'valid';
            show('Credential', payload.name);
            show('Achievement', achievement.name);
            show('Description', achievement.description);
            show('Criteria', (achievement.criteria || {}).narrative);
            for (const result of [].concat(subject.result || [])) show('Result', result.value || result.status);
            for (const item of [].concat(payload.evidence || [])) show('Evidence', item.narrative || item.name || item.id);
            show('Issuer', issuer.name);
            show('Issuer key', iss);
            show('Valid from', payload.validFrom);
            show('Valid until', payload.validUntil || 'does not expire');
            show('Credential id', payload.id);
          } catch (error) {
            status.textContent = 'Not valid: ' + error.message;
            status.className = 'invalid';
            facts.replaceChildren();
          }
        })();
        """
}
