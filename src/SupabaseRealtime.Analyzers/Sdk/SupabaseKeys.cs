using System;

namespace SupabaseRealtime.Analyzers.Sdk
{
    /// <summary>
    /// Recognizes Supabase secret keys in string values: legacy service-role JWTs (payload
    /// <c>"role":"service_role"</c> or <c>"supabase_admin"</c>) and new-format secret keys
    /// (<c>sb_secret_...</c>). Cheap by construction: a value is rejected on its first character
    /// unless it starts with <c>e</c> or <c>s</c>, the JWT shape (<c>eyJ</c> prefix, exactly two
    /// dots, base64url segments) is checked before anything is decoded, only the payload segment is
    /// decoded, and nothing here throws on malformed input.
    /// </summary>
    internal static class SupabaseKeys
    {
        /// <summary>Which kind of secret key a value is.</summary>
        public enum SecretKind
        {
            /// <summary>Not a secret key.</summary>
            None,

            /// <summary>A legacy service_role API key: a long-lived JWT signed with the project's legacy JWT secret.</summary>
            ServiceRoleJwt,

            /// <summary>A JWT whose role is supabase_admin.</summary>
            SupabaseAdminJwt,

            /// <summary>A new-format secret API key (<c>sb_secret_...</c>): not a JWT, revocable on its own.</summary>
            SecretApiKey,
        }

        /// <summary>The kind of secret key <paramref name="value"/> is, or <see cref="SecretKind.None"/>.</summary>
        public static SecretKind KindOf(string? value)
        {
            if (value is null || value.Length < 10 || value.Length > MaxTokenLength)
            {
                return SecretKind.None;
            }

            switch (value[0])
            {
                case 'e':
                    return PrivilegedJwtRole(value) switch
                    {
                        "service_role" => SecretKind.ServiceRoleJwt,
                        "supabase_admin" => SecretKind.SupabaseAdminJwt,
                        _ => SecretKind.None,
                    };
                case 's':
                    return IsNewSecretKey(value) ? SecretKind.SecretApiKey : SecretKind.None;
                default:
                    return SecretKind.None;
            }
        }

        /// <summary>The new-format secret key prefix.</summary>
        public const string SecretKeyPrefix = "sb_secret_";

        /// <summary>Values longer than this are never keys (a Supabase JWT is a few hundred characters).</summary>
        public const int MaxTokenLength = 4096;

        /// <summary>A new-format secret key needs at least this many characters after its prefix (a bare prefix is a check, not a key).</summary>
        public const int MinSecretKeyBodyLength = 16;

        private const int Invalid = -1;

        /// <summary>True when <paramref name="value"/> is a Supabase secret key (service-role JWT or <c>sb_secret_</c> key).</summary>
        public static bool IsSecretKey(string? value)
        {
            if (value is null || value.Length < 10 || value.Length > MaxTokenLength)
            {
                return false;
            }

            switch (value[0])
            {
                case 'e':
                    return IsServiceRoleJwt(value);
                case 's':
                    return IsNewSecretKey(value);
                default:
                    return false;
            }
        }

        /// <summary>True for <c>sb_secret_</c> followed by at least <see cref="MinSecretKeyBodyLength"/> key characters and nothing else.</summary>
        public static bool IsNewSecretKey(string value)
        {
            if (value.Length < SecretKeyPrefix.Length + MinSecretKeyBodyLength
                || value.Length > MaxTokenLength
                || !value.StartsWith(SecretKeyPrefix, StringComparison.Ordinal))
            {
                return false;
            }

            for (var i = SecretKeyPrefix.Length; i < value.Length; i++)
            {
                if (!IsBase64UrlChar(value[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// True for a JWT (<c>eyJ</c> prefix, exactly two dots, three non-empty base64url segments) whose
        /// payload decodes to a JSON object with a top-level <c>"role"</c> of <c>service_role</c> or <c>supabase_admin</c>.
        /// </summary>
        public static bool IsServiceRoleJwt(string value) => PrivilegedJwtRole(value) != null;

        /// <summary>The privileged role (<c>service_role</c> or <c>supabase_admin</c>) of a JWT as <see cref="IsServiceRoleJwt"/> judges it, or null.</summary>
        private static string? PrivilegedJwtRole(string value)
        {
            if (value.Length < 10 || value.Length > MaxTokenLength
                || value[0] != 'e' || value[1] != 'y' || value[2] != 'J')
            {
                return null;
            }

            // Shape first: one pass, no allocation.
            var firstDot = -1;
            var secondDot = -1;
            for (var i = 3; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '.')
                {
                    if (firstDot < 0)
                    {
                        firstDot = i;
                    }
                    else if (secondDot < 0)
                    {
                        secondDot = i;
                    }
                    else
                    {
                        return null;
                    }
                }
                else if (!IsBase64UrlChar(c) && c != '=')
                {
                    return null;
                }
            }

            if (secondDot < 0 || secondDot == firstDot + 1 || secondDot == value.Length - 1)
            {
                return null;
            }

            var payload = DecodeBase64Url(value, firstDot + 1, secondDot - firstDot - 1);
            return payload is null ? null : PrivilegedRoleOf(payload);
        }

        /// <summary>Decodes base64url (trailing padding optional) or returns null.</summary>
        internal static byte[]? DecodeBase64Url(string text, int start, int length)
        {
            // Trailing padding is optional.
            while (length > 0 && text[start + length - 1] == '=')
            {
                length--;
            }

            if (length == 0 || length % 4 == 1)
            {
                return null;
            }

            var output = new byte[length * 3 / 4];
            var written = 0;
            var buffer = 0;
            var bits = 0;
            for (var i = start; i < start + length; i++)
            {
                var sextet = SextetOf(text[i]);
                if (sextet == Invalid)
                {
                    return null;
                }

                buffer = (buffer << 6) | sextet;
                bits += 6;
                if (bits >= 8)
                {
                    bits -= 8;
                    if (written >= output.Length)
                    {
                        return null;
                    }

                    output[written++] = (byte)((buffer >> bits) & 0xFF);
                }
            }

            return written == output.Length ? output : null;
        }

        /// <summary>
        /// A tolerant scan of a JSON object for a top-level <c>"role"</c> string of <c>service_role</c> or
        /// <c>supabase_admin</c>. The object must be well formed enough to close; anything else is false.
        /// </summary>
        internal static bool HasPrivilegedRole(byte[] json) => PrivilegedRoleOf(json) != null;

        /// <summary>The privileged role <see cref="HasPrivilegedRole"/> finds, or null.</summary>
        private static string? PrivilegedRoleOf(byte[] json)
        {
            var pos = SkipWhitespace(json, 0);
            if (pos >= json.Length || json[pos] != (byte)'{')
            {
                return null;
            }

            pos++;
            string? found = null;
            pos = SkipWhitespace(json, pos);
            if (pos < json.Length && json[pos] == (byte)'}')
            {
                return null;
            }

            while (pos < json.Length)
            {
                // Key.
                if (json[pos] != (byte)'"')
                {
                    return null;
                }

                var keyStart = pos + 1;
                var keyEnd = SkipString(json, pos);
                if (keyEnd < 0)
                {
                    return null;
                }

                pos = SkipWhitespace(json, keyEnd);
                if (pos >= json.Length || json[pos] != (byte)':')
                {
                    return null;
                }

                pos = SkipWhitespace(json, pos + 1);
                if (pos >= json.Length)
                {
                    return null;
                }

                // Value.
                var valueStart = pos;
                var valueEnd = SkipValue(json, pos);
                if (valueEnd < 0)
                {
                    return null;
                }

                if (found is null
                    && RawEquals(json, keyStart, keyEnd - 1, "role")
                    && json[valueStart] == (byte)'"')
                {
                    found = RawEquals(json, valueStart + 1, valueEnd - 1, "service_role") ? "service_role"
                        : RawEquals(json, valueStart + 1, valueEnd - 1, "supabase_admin") ? "supabase_admin"
                        : null;
                }

                pos = SkipWhitespace(json, valueEnd);
                if (pos >= json.Length)
                {
                    return null;
                }

                if (json[pos] == (byte)'}')
                {
                    return found;
                }

                if (json[pos] != (byte)',')
                {
                    return null;
                }

                pos = SkipWhitespace(json, pos + 1);
            }

            return null;
        }

        /// <summary>Given the index of an opening quote, returns the index just after the closing quote, or -1.</summary>
        private static int SkipString(byte[] json, int quote)
        {
            for (var i = quote + 1; i < json.Length; i++)
            {
                var b = json[i];
                if (b == (byte)'\\')
                {
                    i++;
                }
                else if (b == (byte)'"')
                {
                    return i + 1;
                }
                else if (b < 0x20)
                {
                    return Invalid;
                }
            }

            return Invalid;
        }

        /// <summary>Skips one JSON value starting at <paramref name="start"/>; returns the index after it, or -1.</summary>
        private static int SkipValue(byte[] json, int start)
        {
            var b = json[start];
            if (b == (byte)'"')
            {
                return SkipString(json, start);
            }

            if (b == (byte)'{' || b == (byte)'[')
            {
                // Nested containers: count depth, strings aware; no recursion.
                var depth = 0;
                for (var i = start; i < json.Length; i++)
                {
                    var c = json[i];
                    if (c == (byte)'"')
                    {
                        var end = SkipString(json, i);
                        if (end < 0)
                        {
                            return Invalid;
                        }

                        i = end - 1;
                    }
                    else if (c == (byte)'{' || c == (byte)'[')
                    {
                        depth++;
                    }
                    else if (c == (byte)'}' || c == (byte)']')
                    {
                        depth--;
                        if (depth == 0)
                        {
                            return i + 1;
                        }
                    }
                }

                return Invalid;
            }

            // Number, true, false, null: a run of literal characters.
            var j = start;
            while (j < json.Length && IsLiteralByte(json[j]))
            {
                j++;
            }

            return j == start ? Invalid : j;
        }

        private static bool IsLiteralByte(byte b)
            => (b >= (byte)'0' && b <= (byte)'9') || (b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'A' && b <= (byte)'Z')
               || b == (byte)'-' || b == (byte)'+' || b == (byte)'.';

        private static int SkipWhitespace(byte[] json, int pos)
        {
            while (pos < json.Length && (json[pos] == (byte)' ' || json[pos] == (byte)'\t' || json[pos] == (byte)'\n' || json[pos] == (byte)'\r'))
            {
                pos++;
            }

            return pos;
        }

        /// <summary>True when bytes [start, end) equal the ASCII <paramref name="text"/>.</summary>
        private static bool RawEquals(byte[] json, int start, int end, string text)
        {
            if (end - start != text.Length || start < 0 || end > json.Length)
            {
                return false;
            }

            for (var i = 0; i < text.Length; i++)
            {
                if (json[start + i] != (byte)text[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// False when <paramref name="text"/> has a character that no key has (keys are base64url, with a JWT's dots and
        /// padding): then no value that contains it is a key.
        /// </summary>
        public static bool MayBeInKey(string text)
        {
            foreach (var c in text)
            {
                if (!IsBase64UrlChar(c) && c != '.' && c != '=')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsBase64UrlChar(char c)
            => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';

        private static int SextetOf(char c)
        {
            if (c >= 'A' && c <= 'Z')
            {
                return c - 'A';
            }

            if (c >= 'a' && c <= 'z')
            {
                return c - 'a' + 26;
            }

            if (c >= '0' && c <= '9')
            {
                return c - '0' + 52;
            }

            switch (c)
            {
                case '-':
                    return 62;
                case '_':
                    return 63;
                default:
                    return Invalid;
            }
        }
    }
}
