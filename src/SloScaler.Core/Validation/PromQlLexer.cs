using System.Globalization;

namespace SloScaler.Core.Validation;

internal enum PromQlToken
{
    End, Identifier, Number, Duration, String, LeftParen, RightParen, LeftBrace, RightBrace, LeftBracket, RightBracket,
    Comma, Colon, At, Operator, MatchOperator, Assign,
}

/// <summary>Splits a PromQL expression into tokens as Prometheus' lexer does (comments, three string quotes, durations, hex, Inf/NaN).</summary>
internal sealed class PromQlLexer
{
    private readonly string _text;
    private int _position;

    public PromQlLexer(string text)
    {
        _text = text;
        Next();
    }

    public PromQlToken Kind { get; private set; }

    public string Text { get; private set; } = "";

    /// <summary>1-based column of the current token.</summary>
    public int Column { get; private set; }

    public string? Error { get; private set; }

    public void Next()
    {
        if (Error is not null) return;
        while (_position < _text.Length)
        {
            if (char.IsWhiteSpace(_text[_position])) _position++;
            else if (_text[_position] == '#')
            {
                while (_position < _text.Length && _text[_position] != '\n') _position++;
            }
            else break;
        }
        Column = _position + 1;
        if (_position >= _text.Length)
        {
            Set(PromQlToken.End, _position);
            return;
        }
        var start = _position;
        var c = _text[_position];
        switch (c)
        {
            case '(': _position++; Set(PromQlToken.LeftParen, start); return;
            case ')': _position++; Set(PromQlToken.RightParen, start); return;
            case '{': _position++; Set(PromQlToken.LeftBrace, start); return;
            case '}': _position++; Set(PromQlToken.RightBrace, start); return;
            case '[': _position++; Set(PromQlToken.LeftBracket, start); return;
            case ']': _position++; Set(PromQlToken.RightBracket, start); return;
            case ',': _position++; Set(PromQlToken.Comma, start); return;
            case ':' when !IsIdentifierStart(Peek(1)): _position++; Set(PromQlToken.Colon, start); return;
            case '@': _position++; Set(PromQlToken.At, start); return;
            case '"' or '\'' or '`': ReadString(c); return;
            case '=':
                if (Peek(1) == '=') { _position += 2; Set(PromQlToken.Operator, start); }
                else if (Peek(1) == '~') { _position += 2; Set(PromQlToken.MatchOperator, start); }
                else { _position++; Set(PromQlToken.Assign, start); }
                return;
            case '!':
                if (Peek(1) is '=' or '~') { _position += 2; Set(PromQlToken.MatchOperator, start); return; }
                Fail("unexpected character '!'");
                return;
            case '<' or '>':
                _position += Peek(1) == '=' ? 2 : 1;
                Set(PromQlToken.Operator, start);
                return;
            case '+' or '-' or '*' or '/' or '%' or '^':
                _position++;
                Set(PromQlToken.Operator, start);
                return;
        }
        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
        {
            ReadNumber();
            return;
        }
        if (IsIdentifierStart(c))
        {
            while (_position < _text.Length && (IsIdentifierStart(_text[_position]) || char.IsAsciiDigit(_text[_position]))) _position++;
            Set(PromQlToken.Identifier, start);
            return;
        }
        Fail($"unexpected character {Describe(c)}");
    }

    private void ReadNumber()
    {
        var start = _position;
        if (_text[_position] == '0' && Peek(1) is 'x' or 'X')
        {
            _position += 2;
            while (_position < _text.Length && char.IsAsciiHexDigit(_text[_position])) _position++;
            Set(PromQlToken.Number, start);
            return;
        }
        // A duration: one or more digit runs, each followed by a unit (1h30m, 5m, 250ms).
        var durationEnd = DurationEnd(_position);
        if (durationEnd > _position)
        {
            _position = durationEnd;
            Set(PromQlToken.Duration, start);
            return;
        }
        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] is '.' or '_')) _position++;
        if (_position < _text.Length && _text[_position] is 'e' or 'E')
        {
            var save = _position;
            _position++;
            if (_position < _text.Length && _text[_position] is '+' or '-') _position++;
            if (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
            {
                while (_position < _text.Length && char.IsAsciiDigit(_text[_position])) _position++;
            }
            else _position = save;
        }
        var text = _text[start.._position].Replace("_", "", StringComparison.Ordinal);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            Fail($"bad number \"{_text[start.._position]}\"");
            return;
        }
        if (_position < _text.Length && (char.IsAsciiLetter(_text[_position]) || _text[_position] is '_' or '.'))
        {
            Fail($"bad number or duration \"{_text[start..Math.Min(_text.Length, _position + 1)]}\"");
            return;
        }
        Set(PromQlToken.Number, start);
    }

    private int DurationEnd(int i)
    {
        var end = i;
        while (i < _text.Length && char.IsAsciiDigit(_text[i]))
        {
            while (i < _text.Length && char.IsAsciiDigit(_text[i])) i++;
            var unit = i < _text.Length ? _text[i] : '\0';
            var next = i + 1 < _text.Length ? _text[i + 1] : '\0';
            if (unit == 'm' && next == 's') i += 2;
            else if (unit is 's' or 'm' or 'h' or 'd' or 'w' or 'y') i++;
            else return end;
            if (i < _text.Length && char.IsAsciiLetter(_text[i]) | _text[i] == '_') return end;
            end = i;
        }
        return end;
    }

    private void ReadString(char quote)
    {
        var start = _position;
        _position++;
        while (_position < _text.Length && _text[_position] != quote)
        {
            if (_text[_position] == '\\' && quote != '`') _position++;
            else if (_text[_position] == '\n' && quote != '`')
            {
                Fail("unterminated string (a newline inside quotes)");
                return;
            }
            _position++;
        }
        if (_position >= _text.Length)
        {
            Column = start + 1;
            Fail("unterminated quoted string");
            return;
        }
        _position++;
        Set(PromQlToken.String, start);
    }

    private void Set(PromQlToken kind, int start)
    {
        Kind = kind;
        Text = _text[start.._position];
        Column = start + 1;
    }

    private void Fail(string message)
    {
        Error = $"{message} at column {Column}";
        Kind = PromQlToken.End;
        Text = "";
    }

    private char Peek(int ahead) => _position + ahead < _text.Length ? _text[_position + ahead] : '\0';

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':';

    private static string Describe(char c) => char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
