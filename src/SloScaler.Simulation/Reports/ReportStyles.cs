namespace SloScaler.Simulation.Reports;

/// <summary>The report's only stylesheet, inline; system fonts, no external resources.</summary>
internal static class ReportStyles
{
    public const string Css = """
        body { margin: 0; padding: 0 16px 48px; color: #1a1a1a; background: #fff;
          font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 1100px; margin: 0 auto; }
        h1 { font-size: 1.6em; margin: 24px 0 4px; }
        h2 { font-size: 1.3em; margin: 40px 0 4px; padding-top: 12px; border-top: 2px solid #ddd; }
        h3 { font-size: 1em; margin: 18px 0 2px; color: #333; }
        p.facts { margin: 0 0 8px; color: #444; }
        p.facts span { display: inline-block; margin-right: 1.2em; }
        p.headline { margin: 4px 0 8px; }
        nav ul { padding-left: 1.2em; columns: 2; }
        svg { display: block; width: 100%; height: auto; font-family: inherit; }
        svg .plot { fill: #fcfcfc; stroke: #bbb; }
        svg .grid { stroke: #e4e4e4; stroke-width: 1; }
        svg .tick { font-size: 13px; fill: #555; }
        svg .axis { font-size: 13px; fill: #333; }
        svg .legend { font-size: 14px; fill: #222; }
        svg .reference-label { font-size: 13px; paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
        table { border-collapse: collapse; width: 100%; margin: 10px 0; font-variant-numeric: tabular-nums; }
        th, td { padding: 5px 8px; border-bottom: 1px solid #e2e2e2; text-align: right; }
        th { font-weight: 600; background: #f4f4f4; border-bottom: 1px solid #ccc; }
        td { white-space: nowrap; }
        th:first-child, td:first-child { text-align: left; }
        td.missed { color: #b00020; }
        p.verdict { margin: 4px 0 0; }
        p.quality-bar { margin: 4px 0 0; color: #333; }
        p.quality-bar .met { color: #1b7a3d; }
        p.quality-bar .missed { color: #b00020; }
        p.quality-bar .none { color: #666; font-style: italic; }
        .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; border-radius: 2px; vertical-align: -1px; }
        .table-wrap { overflow-x: auto; }
        p.legend { margin: 4px 0 0; font-size: 0.9em; }
        p.legend .key { display: inline-block; margin-right: 1.1em; white-space: nowrap; }
        p.legend .line { display: inline-block; width: 22px; margin-right: 5px; vertical-align: middle; }
        svg.strips { margin-top: 2px; }
        p.note { margin: 2px 0; color: #555; font-size: 0.9em; }
        @media (max-width: 600px) {
          body { padding: 0 8px 32px; font-size: 14px; }
          svg .tick, svg .axis { font-size: 24px; }
          svg .reference-label { font-size: 22px; }
          th, td { padding: 4px 5px; }
          nav ul { columns: 1; }
        }
        footer { margin-top: 40px; color: #666; font-size: 0.9em; }
        """;
}
