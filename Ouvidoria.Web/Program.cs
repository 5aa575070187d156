using Ouvidoria.Infrastructure.Notifications;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.Storage;
using Ouvidoria.Web.Components;
using Ouvidoria.Web.Features.Account;
using Ouvidoria.Web.Features.Administration;
using Ouvidoria.Web.Features.Api;
using Microsoft.Extensions.Options;
using Ouvidoria.Infrastructure.WhatsApp;
using Ouvidoria.Infrastructure.WhatsApp.Store;
using Ouvidoria.Web.Features.Assistant;
using Ouvidoria.Web.Features.Assistant.WhatsApp;
using Ouvidoria.Web.Features.Audit;
using Ouvidoria.Web.Features.Citizen;
using Ouvidoria.Web.Features.Home;
using Ouvidoria.Web.Features.Jobs;
using Ouvidoria.Web.Features.Manifestations;
using Ouvidoria.Web.Features.Queue;
using Ouvidoria.Web.Features.Reports;
using Ouvidoria.Web.Features.Shared;
using Radzen;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddRadzenComponents();
// Render pt-BR accents as characters, not HTML entities.
builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddMemoryCache();

// Persistence: SQLite by default, PostgreSQL with Database__Provider=Postgres. Also Data Protection
// (key ring in the database, shared by every node) and the history chain key (Audit__HistoryKey).
builder.Services.AddOuvidoriaPersistence(builder.Configuration, builder.Environment.ContentRootPath);
FileStore.AddOuvidoriaFileStore(builder.Services, builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddOuvidoriaNotifications(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddHostedService<Ouvidoria.Web.Features.Notifications.EmailDispatchService>();
builder.Services.AddOuvidoriaJobs(builder.Configuration);

// Staff sign-in (ASP.NET Core Identity, cookie). Citizens never sign in: NUP + password.
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
// The integration API authenticates other systems by API key (never by the staff cookie).
builder.Services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null);
builder.Services.ConfigureApplicationCookie(options =>
{
    options.LoginPath = "/conta/entrar";
    options.LogoutPath = "/conta/sair";
    options.AccessDeniedPath = "/conta/acesso-negado";
    options.Cookie.Name = "ouvidoria.auth";
    options.ExpireTimeSpan = TimeSpan.FromHours(8);
    // Idle timeout (the administrators' setting) and the security stamp check: StaffSignInRules.
    StaffSignInRules.Configure(options);
});
builder.Services.Configure<SecurityStampValidatorOptions>(options =>
{
    // Deactivation, role change, password reset and "sair de todas as sessões" apply within a minute.
    options.ValidationInterval = TimeSpan.FromMinutes(1);
    options.OnRefreshingPrincipal = StaffSignInRules.KeepAuthenticationMethod;
});
builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, StaffAuthenticationStateProvider>();
builder.Services.AddIdentityCore<ApplicationUser>(options =>
    {
        options.SignIn.RequireConfirmedAccount = true;
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 8;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
    })
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<OuvidoriaDbContext>()
    .AddSignInManager<StaffSignInManager>()
    .AddClaimsPrincipalFactory<OuvidoriaClaimsPrincipalFactory>()
    .AddErrorDescriber<PortugueseIdentityErrorDescriber>()
    .AddDefaultTokenProviders();
string[] staffRoles = [Roles.Ombudsman, Roles.Collaborator, Roles.Manager, Roles.Administrator];
builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, SignInCompleteHandler>();
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Policies.StaffSigningIn, p => p.RequireRole(staffRoles))
    .AddPolicy(Policies.Staff, p => p.RequireRole(staffRoles).AddRequirements(new SignInCompleteRequirement()))
    .AddPolicy(Policies.Treatment, p => p.RequireRole(Roles.Ombudsman, Roles.Collaborator, Roles.Manager).AddRequirements(new SignInCompleteRequirement()))
    .AddPolicy(Policies.Ombudsman, p => p.RequireRole(Roles.Ombudsman).AddRequirements(new SignInCompleteRequirement()))
    .AddPolicy(Policies.Audit, p => p.RequireRole(Roles.Administrator, Roles.Manager, Roles.Ombudsman).AddRequirements(new SignInCompleteRequirement()))
    .AddPolicy(Policies.Administration, p => p.RequireRole(Roles.Administrator).AddRequirements(new SignInCompleteRequirement()))
    .AddPolicy(Policies.Reports, p => p.RequireRole(Roles.Manager, Roles.Ombudsman).AddRequirements(new SignInCompleteRequirement()))
    .AddPolicy(ApiKeyDefaults.Policy, p => p.AddAuthenticationSchemes(ApiKeyDefaults.Scheme).RequireAuthenticatedUser().RequireClaim(ApiClaims.KeyId));

// Use cases (plain classes; see docs/decisions/0004-use-cases.md).
builder.Services.AddScoped<QueueQuery>();
builder.Services.AddScoped<ManifestationDetailsQuery>();
builder.Services.AddScoped<ManifestationWorkflow>();
builder.Services.AddScoped<StandardTexts>();
builder.Services.AddScoped<ExtractPdfDocument>();
builder.Services.AddSingleton<IIdentityDocumentRenderer, IdentityDocumentRenderer>();
builder.Services.AddScoped<RegisterManifestation>();
builder.Services.AddScoped<ConsultManifestation>();
builder.Services.AddScoped<HomeSummaryQuery>();
builder.Services.AddScoped<ReportsQuery>();
builder.Services.AddScoped<ReportListQuery>();
builder.Services.AddScoped<ReportExports>();
builder.Services.AddSingleton<ExportStore>();
builder.Services.AddScoped<AssistantUsageQuery>();
builder.Services.AddSingleton<AssistantUsage>();
builder.Services.AddScoped<Lookups>();
builder.Services.AddScoped<CurrentActor>();
// Administration (issue 6): units, users, themes, settings.
builder.Services.AddScoped<Ouvidoria.Web.Features.Administration.Units.UnitAdministration>();
builder.Services.AddScoped<Ouvidoria.Web.Features.Administration.Users.UserAdministration>();
builder.Services.AddScoped<Ouvidoria.Web.Features.Administration.Themes.ThemeAdministration>();
builder.Services.AddScoped<Ouvidoria.Web.Features.Administration.Settings.SettingsAdministration>();
builder.Services.AddScoped<Ouvidoria.Web.Features.Administration.History.AdministrativeHistory>();
builder.Services.AddScoped<AssistantHost>();
builder.Services.AddScoped<TextTemplateAdministration>();
builder.Services.AddScoped<AnswerModelQuery>();
builder.Services.AddScoped<CitizenSurvey>();
builder.Services.AddScoped<SurveyResultQuery>();

// Integration API (issue 6): /api/v1, API keys, per-key rate limit, idempotency, OpenAPI document.
builder.Services.AddScoped<AttachCitizenFile>();
builder.Services.AddScoped<Ouvidoria.Web.Features.Administration.ApiKeys.ApiKeyAdministration>();
builder.Services.AddScoped<ManifestationChangesQuery>();
builder.Services.AddSingleton<ApiIdempotency>();
builder.Services.AddIntegrationApiRateLimiting();
builder.Services.AddIntegrationApiDocument();
builder.Services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));

// WhatsApp Cloud API channel (Bel): webhook → durable inbox → Bel → outbox → Graph API.
builder.Services.Configure<WhatsAppOptions>(builder.Configuration.GetSection(WhatsAppOptions.SectionName));
builder.Services.AddHttpClient(WhatsAppOptions.SectionName);
builder.Services.AddScoped(sp => new GraphApiClient(
    sp.GetRequiredService<IHttpClientFactory>().CreateClient(WhatsAppOptions.SectionName),
    sp.GetRequiredService<IOptions<WhatsAppOptions>>().Value,
    sp.GetRequiredService<TimeProvider>()));
builder.Services.AddSingleton<PhoneProtector>();
builder.Services.AddSingleton<WhatsAppSignals>();
builder.Services.AddSingleton<WhatsAppInboxWriter>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<WhatsAppInboxWriter>());
builder.Services.AddSingleton<WhatsAppInboxProcessor>();
builder.Services.AddSingleton<WhatsAppOutboxDispatcher>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<WhatsAppInboxProcessor>());
builder.Services.AddHostedService(sp => sp.GetRequiredService<WhatsAppOutboxDispatcher>());

var app = builder.Build();

// `dotnet run --project Ouvidoria.Web -- verify-history`: checks every history chain, exit code 0/1.
if (args is [VerifyHistoryCommand.Name, ..])
{
    return await VerifyHistoryCommand.RunAsync(app.Services, Console.Out);
}

await app.Services.InitializeDatabaseAsync();

var ptBr = new CultureInfo("pt-BR");
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture(ptBr),
    SupportedCultures = [ptBr],
    SupportedUICultures = [ptBr],
});

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/erro", createScopeForErrors: true);
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/nao-encontrado");
app.UseIntegrationApiErrors();
app.UseAntiforgery();
app.UseRateLimiter();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAccountEndpoints();
app.MapStaffSessionEndpoints();
app.MapDocumentEndpoints();
app.MapReportEndpoints();
app.MapWhatsAppWebhook();
app.MapIntegrationApi();
app.MapOpenApi(ApiDocument.Route).AllowAnonymous();

app.Run();
return 0;

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
