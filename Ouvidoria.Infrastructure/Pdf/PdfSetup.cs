using PdfSharp;
using PdfSharp.Fonts;

namespace Ouvidoria.Infrastructure.Pdf;

/// <summary>
/// PDFsharp's process-wide settings, applied once before the first PDF is drawn: the AGPL licence
/// (the project is AGPL-3.0-only, like PDFsharp 6.5) and the bundled-font resolver. PDFsharp keeps
/// both in static state and refuses a different resolver once fonts were used, so this runs under
/// a lock and at most once per process, however many hosts (tests) start in it.
/// </summary>
public static class PdfSetup
{
    private static readonly Lock Gate = new();
    private static volatile bool _done;

    public static void EnsureInitialized()
    {
        if (_done)
        {
            return;
        }

        lock (Gate)
        {
            if (_done)
            {
                return;
            }

            PdfSharpLicense.SetAgplLicense();
            if (GlobalFontSettings.FontResolver is not PdfFontResolver)
            {
                GlobalFontSettings.FontResolver = PdfFontResolver.Instance;
            }

            _done = true;
        }
    }
}
