#nullable enable
// Compile-only stand-in for the Supabase.Gotrue package. Bodies do nothing useful.

using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Supabase.Gotrue.Interfaces;

namespace Supabase.Gotrue
{
    /// <summary>Constants of the auth client.</summary>
    public static class Constants
    {
        public enum Provider
        {
            Apple,
            Azure,
            Bitbucket,
            Discord,
            Facebook,
            Figma,
            Github,
            Gitlab,
            Google,
            Kakao,
            Keycloak,
            LinkedIn,
            Notion,
            Slack,
            Spotify,
            Twitch,
            Twitter,
            WorkOS,
            Zoom,
        }

        public enum SignInType
        {
            Email,
            Phone,
            RefreshToken,
        }

        public enum SignUpType
        {
            Email,
            Phone,
        }

        public enum EmailOtpType
        {
            Signup,
            Invite,
            MagicLink,
            Recovery,
            EmailChange,
            Email,
        }

        public enum MobileOtpType
        {
            SMS,
            PhoneChange,
        }

        public enum AuthState
        {
            SignedIn,
            SignedOut,
            UserUpdated,
            PasswordRecovery,
            TokenRefreshed,
            Shutdown,
            MfaChallengeVerified,
        }

        public enum SignOutScope
        {
            Global,
            Local,
            Others,
        }

        public enum OAuthFlowType
        {
            Implicit,
            PKCE,
        }
    }

    /// <summary>An authenticated user.</summary>
    public class User
    {
        public string? Id { get; set; }

        public string? Aud { get; set; }

        public string? Role { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public DateTime CreatedAt { get; set; }

        public DateTime? LastSignInAt { get; set; }

        public bool IsAnonymous { get; set; }

        public Dictionary<string, object> AppMetadata { get; set; } = new Dictionary<string, object>();

        public Dictionary<string, object> UserMetadata { get; set; } = new Dictionary<string, object>();
    }

    /// <summary>A signed-in session.</summary>
    public class Session
    {
        public string? AccessToken { get; set; }

        public string? RefreshToken { get; set; }

        public string? TokenType { get; set; }

        public long ExpiresIn { get; set; }

        public DateTime CreatedAt { get; set; } = DateTime.Now;

        public User? User { get; set; }

        public DateTime ExpiresAt() => CreatedAt.AddSeconds(ExpiresIn);

        public bool Expired() => ExpiresAt() < DateTime.Now;
    }

    /// <summary>Options for the auth client.</summary>
    public class ClientOptions
    {
        public string Url { get; set; } = "http://localhost:9999";

        public Dictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();

        public bool AutoRefreshToken { get; set; } = true;

        public bool AllowUnconfirmedUserSessions { get; set; }

        public Constants.OAuthFlowType FlowType { get; set; } = Constants.OAuthFlowType.Implicit;
    }

    public class SignInOptions
    {
        public string? RedirectTo { get; set; }

        public string? Scopes { get; set; }

        public Dictionary<string, string>? QueryParams { get; set; }

        public Constants.OAuthFlowType FlowType { get; set; } = Constants.OAuthFlowType.Implicit;
    }

    public class SignUpOptions
    {
        public string? RedirectTo { get; set; }

        public Dictionary<string, object>? Data { get; set; }

        public string? CaptchaToken { get; set; }

        public Constants.OAuthFlowType FlowType { get; set; } = Constants.OAuthFlowType.Implicit;
    }

    public class SignInAnonymouslyOptions
    {
        public Dictionary<string, object>? Data { get; set; }

        public string? CaptchaToken { get; set; }
    }

    public class SignInWithPasswordlessEmailOptions
    {
        public SignInWithPasswordlessEmailOptions(string email)
        {
            Email = email;
        }

        public string Email { get; set; }

        public string? EmailRedirectTo { get; set; }

        public bool ShouldCreateUser { get; set; } = true;

        public Dictionary<string, object>? Data { get; set; }

        public Constants.OAuthFlowType FlowType { get; set; } = Constants.OAuthFlowType.Implicit;
    }

    public class SignInWithPasswordlessPhoneOptions
    {
        public SignInWithPasswordlessPhoneOptions(string phone)
        {
            Phone = phone;
        }

        public string Phone { get; set; }

        public bool ShouldCreateUser { get; set; } = true;

        public Dictionary<string, object>? Data { get; set; }
    }

    public class SignInWithSSOOptions
    {
        public string? RedirectTo { get; set; }

        public string? CaptchaToken { get; set; }
    }

    public class ProviderAuthState
    {
        public ProviderAuthState(Uri uri)
        {
            Uri = uri;
        }

        public Uri Uri { get; }

        public string? PKCEVerifier { get; set; }
    }

    public class PasswordlessSignInState
    {
        public string? PKCEVerifier { get; set; }
    }

    public class SSOResponse
    {
        public Uri? Uri { get; set; }

        public string? PKCEVerifier { get; set; }
    }

    public class UserAttributes
    {
        public string? Email { get; set; }

        public string? Password { get; set; }

        public string? Phone { get; set; }

        public Dictionary<string, object>? Data { get; set; }
    }

    /// <summary>The auth client.</summary>
    public class Client : IGotrueClient<User, Session>
    {
        public Client(ClientOptions? options = null)
        {
            Options = options ?? new ClientOptions();
        }

        public ClientOptions Options { get; }

        public Session? CurrentSession => throw null!;

        public User? CurrentUser => throw null!;

        public bool Online { get; set; } = true;

        public void AddStateChangedListener(IGotrueClient<User, Session>.AuthEventHandler authEventHandler) => throw null!;

        public void RemoveStateChangedListener(IGotrueClient<User, Session>.AuthEventHandler authEventHandler) => throw null!;

        public void ClearStateChangedListeners() => throw null!;

        public void NotifyAuthStateChange(Constants.AuthState stateChanged) => throw null!;

        public Task<Session?> SignIn(string email, string password) => throw null!;

        public Task<bool> SignIn(string email, SignInOptions? options = null) => throw null!;

        public Task<Session?> SignIn(Constants.SignInType type, string identifierOrToken, string? password = null, string? scopes = null) => throw null!;

        public Task<ProviderAuthState> SignIn(Constants.Provider provider, SignInOptions? options = null) => throw null!;

        public Task<Session?> SignInWithPassword(string email, string password) => throw null!;

        public Task<Session?> SignInWithIdToken(Constants.Provider provider, string idToken, string? accessToken = null, string? nonce = null, string? captchaToken = null) => throw null!;

        public Task<Session?> SignInAnonymously(SignInAnonymouslyOptions? options = null) => throw null!;

        public Task<PasswordlessSignInState> SignInWithOtp(SignInWithPasswordlessEmailOptions options) => throw null!;

        public Task<PasswordlessSignInState> SignInWithOtp(SignInWithPasswordlessPhoneOptions options) => throw null!;

        public Task<SSOResponse?> SignInWithSSO(Guid ssoProviderId, SignInWithSSOOptions? options = null) => throw null!;

        public Task<SSOResponse?> SignInWithSSO(string domain, SignInWithSSOOptions? options = null) => throw null!;

        public Task<Session?> SignUp(string email, string password, SignUpOptions? options = null) => throw null!;

        public Task<Session?> SignUp(Constants.SignUpType type, string identifier, string password, SignUpOptions? options = null) => throw null!;

        public Task<Session> SetSession(string accessToken, string refreshToken, bool forceAccessTokenRefresh = false) => throw null!;

        public Task<Session?> VerifyOTP(string email, string token, Constants.EmailOtpType type) => throw null!;

        public Task<Session?> VerifyOTP(string phone, string token, Constants.MobileOtpType type) => throw null!;

        public Task<Session?> VerifyTokenHash(string tokenHash, Constants.EmailOtpType type = Constants.EmailOtpType.Email) => throw null!;

        public Task<Session?> ExchangeCodeForSession(string codeVerifier, string authCode) => throw null!;

        public Task<Session?> RefreshSession() => throw null!;

        public Task<Session?> RetrieveSessionAsync() => throw null!;

        public void LoadSession() => throw null!;

        public Task SignOut(Constants.SignOutScope scope = Constants.SignOutScope.Global) => throw null!;

        public Task<User?> GetUser(string jwt) => throw null!;

        public Task<User?> Update(UserAttributes attributes) => throw null!;

        public Task<bool> ResetPasswordForEmail(string email) => throw null!;

        public void Shutdown() => throw null!;
    }
}

namespace Supabase.Gotrue.Interfaces
{
    /// <summary>The auth client's contract.</summary>
    public interface IGotrueClient<TUser, TSession>
        where TUser : User
        where TSession : Session
    {
        /// <summary>Called on every auth state change.</summary>
        delegate void AuthEventHandler(IGotrueClient<TUser, TSession> sender, Constants.AuthState stateChanged);

        TSession? CurrentSession { get; }

        TUser? CurrentUser { get; }

        bool Online { get; set; }

        void AddStateChangedListener(AuthEventHandler authEventHandler);

        void RemoveStateChangedListener(AuthEventHandler authEventHandler);

        void ClearStateChangedListeners();

        void NotifyAuthStateChange(Constants.AuthState stateChanged);

        Task<TSession?> SignIn(string email, string password);

        Task<bool> SignIn(string email, SignInOptions? options = null);

        Task<TSession?> SignIn(Constants.SignInType type, string identifierOrToken, string? password = null, string? scopes = null);

        Task<ProviderAuthState> SignIn(Constants.Provider provider, SignInOptions? options = null);

        Task<TSession?> SignInWithPassword(string email, string password);

        Task<TSession?> SignInWithIdToken(Constants.Provider provider, string idToken, string? accessToken = null, string? nonce = null, string? captchaToken = null);

        Task<TSession?> SignInAnonymously(SignInAnonymouslyOptions? options = null);

        Task<PasswordlessSignInState> SignInWithOtp(SignInWithPasswordlessEmailOptions options);

        Task<PasswordlessSignInState> SignInWithOtp(SignInWithPasswordlessPhoneOptions options);

        Task<SSOResponse?> SignInWithSSO(Guid ssoProviderId, SignInWithSSOOptions? options = null);

        Task<SSOResponse?> SignInWithSSO(string domain, SignInWithSSOOptions? options = null);

        Task<TSession?> SignUp(string email, string password, SignUpOptions? options = null);

        Task<TSession?> SignUp(Constants.SignUpType type, string identifier, string password, SignUpOptions? options = null);

        Task<TSession> SetSession(string accessToken, string refreshToken, bool forceAccessTokenRefresh = false);

        Task<TSession?> VerifyOTP(string email, string token, Constants.EmailOtpType type);

        Task<TSession?> VerifyOTP(string phone, string token, Constants.MobileOtpType type);

        Task<TSession?> VerifyTokenHash(string tokenHash, Constants.EmailOtpType type = Constants.EmailOtpType.Email);

        Task<TSession?> ExchangeCodeForSession(string codeVerifier, string authCode);

        Task<TSession?> RefreshSession();

        Task<TSession?> RetrieveSessionAsync();

        void LoadSession();

        Task SignOut(Constants.SignOutScope scope = Constants.SignOutScope.Global);

        Task<TUser?> GetUser(string jwt);

        Task<TUser?> Update(UserAttributes attributes);

        Task<bool> ResetPasswordForEmail(string email);

        void Shutdown();
    }
}
