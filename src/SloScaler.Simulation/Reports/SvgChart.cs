using System.Text;

namespace SloScaler.Simulation.Reports;

/// <summary>
/// One inline SVG line chart, XHTML-compatible: time across, one axis up, gridlines with tick
/// labels, an optional dashed reference line, a legend when there are several series. It scales
/// with the page (viewBox, width 100%).
/// </summary>
internal static class SvgChart
{
    public const string Namespace = "http://www.w3.org/2000/svg";
    private const double Width = 1000;
    private const double Height = 280;
    private const double Left = 72;

    /// <summary>The longest strip label the left margin holds at the tick font (about 7 px a character).</summary>
    private const int StripLabelChars = 9;
    private const double Right = 16;
    private const double Top = 30;
    private const double Bottom = 42;
    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;

    public static void Write(TextWriter output, string label, string valueTitle, TimeAxis time, ValueAxis values, IReadOnlyList<ChartSeries> series, ReferenceLine? reference = null)
    {
        // The legend is HTML above the chart, so that it wraps on a narrow screen instead of running off the SVG.
        if (series.Count > 1) WriteLegend(output, series);
        output.WriteLine($"<svg xmlns=\"{Namespace}\" viewBox=\"0 0 {C(Width)} {C(Height)}\" width=\"100%\" role=\"img\" aria-label=\"{Markup.Escape(label)}\">");
        output.WriteLine($"<title>{Markup.Escape(label)}</title>");
        output.WriteLine($"<rect class=\"plot\" x=\"{C(Left)}\" y=\"{C(Top)}\" width=\"{C(PlotWidth)}\" height=\"{C(PlotHeight)}\"/>");
        WriteValueGrid(output, values, valueTitle);
        WriteTimeGrid(output, time);
        // The first series on top, except dashed ones, drawn last so that lines under them show through the gaps.
        foreach (var s in series.Reverse().OrderBy(s => s.Dashed))
        {
            WriteSeries(output, time, values, s);
        }

        if (reference is not null) WriteReference(output, values, reference);
        output.WriteLine("</svg>");
    }

    /// <summary>
    /// One strip per strategy under a chart, shaded where it missed the objective; misses closer than a
    /// pixel are merged, so a month of steps stays a few hundred rectangles.
    /// </summary>
    public static void WriteMissStrips(TextWriter output, string label, TimeAxis time, IReadOnlyList<(string Name, string Color, bool[] Missed)> strips)
    {
        const double Row = 22;
        var height = (strips.Count * Row) + 8;
        output.WriteLine($"<svg xmlns=\"{Namespace}\" class=\"strips\" viewBox=\"0 0 {C(Width)} {C(height)}\" width=\"100%\" role=\"img\" aria-label=\"{Markup.Escape(label)}\">");
        output.WriteLine($"<title>{Markup.Escape(label)}</title>");
        var pixels = (int)PlotWidth;
        for (var r = 0; r < strips.Count; r++)
        {
            var (name, color, missed) = strips[r];
            var y = 4 + (r * Row);
            output.WriteLine($"<g class=\"strip\"><title>{Markup.Escape(name)}: steps that missed the objective</title>");
            // A name longer than the margin holds is squeezed into it rather than cut at the chart's edge.
            var fit = name.Length > StripLabelChars ? $" textLength=\"{C(Left - 10)}\" lengthAdjust=\"spacingAndGlyphs\"" : "";
            output.WriteLine($"<text class=\"tick\" x=\"{C(Left - 6)}\" y=\"{C(y + 14)}\" text-anchor=\"end\"{fit}>{Markup.Escape(name)}</text>");
            output.WriteLine($"<rect class=\"plot\" x=\"{C(Left)}\" y=\"{C(y)}\" width=\"{C(PlotWidth)}\" height=\"{C(Row - 6)}\"/>");
            var marked = new bool[pixels];
            for (var i = 0; i < missed.Length; i++)
            {
                if (missed[i]) marked[Math.Min(pixels - 1, (int)(time.Fraction(i) * pixels))] = true;
            }

            for (var p = 0; p < pixels; p++)
            {
                if (!marked[p]) continue;
                var start = p;
                while (p + 1 < pixels && marked[p + 1]) p++;
                output.WriteLine($"<rect x=\"{C(Left + start)}\" y=\"{C(y)}\" width=\"{C(p - start + 1)}\" height=\"{C(Row - 6)}\" fill=\"{color}\"/>");
            }

            output.WriteLine("</g>");
        }

        output.WriteLine("</svg>");
    }

    private static void WriteValueGrid(TextWriter output, ValueAxis values, string title)
    {
        foreach (var tick in values.TickValues)
        {
            var y = Y(values.Fraction(tick));
            output.WriteLine($"<line class=\"grid\" x1=\"{C(Left)}\" y1=\"{C(y)}\" x2=\"{C(Left + PlotWidth)}\" y2=\"{C(y)}\"/>");
            output.WriteLine($"<text class=\"tick\" x=\"{C(Left - 6)}\" y=\"{C(y + 4)}\" text-anchor=\"end\">{Markup.Escape(values.Label(tick))}</text>");
        }

        var middle = Top + (PlotHeight / 2);
        output.WriteLine($"<text class=\"axis\" x=\"14\" y=\"{C(middle)}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {C(middle)})\">{Markup.Escape(title)}</text>");
    }

    private static void WriteTimeGrid(TextWriter output, TimeAxis time)
    {
        var bottom = Top + PlotHeight;
        foreach (var (fraction, label) in time.Ticks())
        {
            var x = X(fraction);
            output.WriteLine($"<line class=\"grid\" x1=\"{C(x)}\" y1=\"{C(Top)}\" x2=\"{C(x)}\" y2=\"{C(bottom + 4)}\"/>");
            output.WriteLine($"<text class=\"tick\" x=\"{C(x)}\" y=\"{C(bottom + 18)}\" text-anchor=\"middle\">{Markup.Escape(label)}</text>");
        }

        output.WriteLine($"<text class=\"axis\" x=\"{C(Left + (PlotWidth / 2))}\" y=\"{C(Height - 4)}\" text-anchor=\"middle\">{Markup.Escape(time.Title)}</text>");
    }

    private static void WriteReference(TextWriter output, ValueAxis values, ReferenceLine reference)
    {
        var y = Y(values.Fraction(reference.Value));
        output.WriteLine($"<line class=\"reference\" x1=\"{C(Left)}\" y1=\"{C(y)}\" x2=\"{C(Left + PlotWidth)}\" y2=\"{C(y)}\" stroke=\"{reference.Color}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>");
        output.WriteLine($"<text class=\"reference-label\" x=\"{C(Left + PlotWidth - 4)}\" y=\"{C(y - 5)}\" text-anchor=\"end\" fill=\"{reference.Color}\">{Markup.Escape(reference.Label)}</text>");
    }

    private static void WriteSeries(TextWriter output, TimeAxis time, ValueAxis values, ChartSeries series)
    {
        if (series.Points.Count == 0) return;
        var points = new StringBuilder();
        void Add(double index, double value) =>
            points.Append(C(X(time.Fraction(index)))).Append(',').Append(C(Y(values.Fraction(value)))).Append(' ');

        for (var k = 0; k < series.Points.Count; k++)
        {
            var (index, value) = series.Points[k];
            if (series.Steps && k > 0) Add(index, series.Points[k - 1].Value);
            Add(index, value);
        }

        if (series.Steps) Add(time.Steps, series.Points[^1].Value);
        var line = points.ToString().TrimEnd();
        var dash = series.Dashed ? " stroke-dasharray=\"5 3\"" : "";
        output.WriteLine($"<g><title>{Markup.Escape(series.Name)}</title>");
        if (series.Filled)
        {
            var baseline = C(Top + PlotHeight);
            var first = C(X(time.Fraction(series.Points[0].Index)));
            var last = C(X(time.Fraction(series.Points[^1].Index)));
            output.WriteLine($"<polygon points=\"{first},{baseline} {line} {last},{baseline}\" fill=\"{series.Color}\" fill-opacity=\"0.15\" stroke=\"none\"/>");
        }

        output.WriteLine($"<polyline points=\"{line}\" fill=\"none\" stroke=\"{series.Color}\" stroke-width=\"1.6\" stroke-linejoin=\"round\"{dash}/>");
        output.WriteLine("</g>");
    }

    private static void WriteLegend(TextWriter output, IReadOnlyList<ChartSeries> series)
    {
        output.WriteLine("<p class=\"legend\">");
        foreach (var s in series)
        {
            var style = s.Dashed ? "dashed" : "solid";
            output.WriteLine($"<span class=\"key\"><span class=\"line\" style=\"border-top:3px {style} {s.Color}\"></span>{Markup.Escape(s.Name)}</span>");
        }

        output.WriteLine("</p>");
    }

    private static double X(double fraction) => Left + (fraction * PlotWidth);

    private static double Y(double fraction) => Top + ((1 - fraction) * PlotHeight);

    private static string C(double value) => Markup.Coordinate(value);
}
