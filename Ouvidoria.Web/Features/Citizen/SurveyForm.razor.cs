using Microsoft.AspNetCore.Components;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Web.Features.Citizen;

public sealed partial class SurveyForm
{
    private CitizenView? shownFor;
    private string? nup;
    private string? password;
    private SurveyState state = SurveyState.NotAvailable;
    private InputModel input = new();
    private string? error;
    private bool busy;
    private bool thanked;

    [Inject]
    private CitizenSurvey Survey { get; set; } = default!;

    /// <summary>The consultation just shown; the survey is looked up once per consultation.</summary>
    [Parameter, EditorRequired]
    public CitizenView View { get; set; } = default!;

    /// <summary>The NUP and password that opened <see cref="View"/>.</summary>
    [Parameter, EditorRequired]
    public string? Nup { get; set; }

    [Parameter, EditorRequired]
    public string? Password { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (ReferenceEquals(View, shownFor))
        {
            return;
        }

        shownFor = View;
        (nup, password) = (Nup, Password);
        (input, error, thanked) = (new InputModel(), null, false);
        state = SurveyState.NotAvailable;
        if (View.Status is ManifestationStatus.Answered or ManifestationStatus.Concluded && View.Answers.Any(a => a.IsConclusive))
        {
            var result = await Survey.StateAsync(nup, password);
            state = result.IsSuccess ? result.Value : SurveyState.NotAvailable;
        }
    }

    private async Task SubmitAsync()
    {
        if (input.Attended is not { } attended)
        {
            error = "Responda se a sua demanda foi atendida: sim, não ou parcialmente.";
            return;
        }

        busy = true;
        var result = await Survey.SubmitAsync(nup, password, new SurveyAnswers(attended, input.Clarity, input.Satisfaction, input.Comment));
        busy = false;
        if (result.IsSuccess || result.Error!.Kind == ErrorKind.Conflict)
        {
            // Answered now, or a moment ago in another tab: either way the form goes away.
            thanked = result.IsSuccess;
            state = SurveyState.Answered;
            error = null;
            return;
        }

        error = result.Error.Message;
    }

    private sealed class InputModel
    {
        public SurveyAttendance? Attended { get; set; }

        public int Clarity { get; set; }

        public int Satisfaction { get; set; }

        public string? Comment { get; set; }
    }
}
