namespace SloScaler.Core.Validation;

/// <summary>
/// An offline PromQL syntax and type check, following Prometheus' grammar (<c>promql/parser</c>):
/// selectors and matchers, functions with their argument types, aggregations with by/without and
/// parameters, binary operators with bool/on/ignoring/group_left/group_right, ranges, subqueries,
/// offset and @. It does not evaluate anything. Returns null for a valid query, else one message with
/// the column. Recursion is capped, so any input is checked in bounded time and stack.
/// </summary>
public static class PromQlSyntax
{
    private const int MaxDepth = 64;

    /// <summary>Null when <paramref name="query"/> is valid PromQL returning a scalar or an instant vector; else what is wrong.</summary>
    public static string? Check(string query)
    {
        if (query.Length > 64 * 1024) return "is longer than 64 KiB";
        var parser = new Parser(new PromQlLexer(query));
        try
        {
            var type = parser.Expression(0);
            if (parser.Lexer.Kind != PromQlToken.End) parser.Fail($"unexpected {parser.Describe()}");
            if (type == PromQlType.String) return "is a string, not a query";
            if (type == PromQlType.Matrix) return "returns a range vector; a load or latency query must return an instant vector or a scalar (wrap it in a function such as rate())";
            return null;
        }
        catch (PromQlException e)
        {
            return parser.Lexer.Error ?? e.Message;
        }
    }

    private sealed class PromQlException(string message) : Exception(message);

    private sealed class Parser(PromQlLexer lexer)
    {
        private int _depth;

        public PromQlLexer Lexer { get; } = lexer;

        private static readonly string[][] Precedence =
        [
            ["or"], ["and", "unless"], ["==", "!=", "<=", "<", ">=", ">"], ["+", "-"], ["*", "/", "%", "atan2"], ["^"],
        ];

        public PromQlType Expression(int level)
        {
            // Depth counts nested expressions (parentheses, arguments), not the precedence levels each passes through.
            if (level == 0 && ++_depth > MaxDepth) Fail($"is nested more than {MaxDepth} levels deep");
            try
            {
                if (level == Precedence.Length) return Unary();
                var left = Expression(level + 1);
                while (IsBinary(level))
                {
                    var op = Lexer.Text;
                    Lexer.Next();
                    var comparison = level == 2;
                    var set = level <= 1;
                    var returnBool = false;
                    if (IsWord("bool"))
                    {
                        if (!comparison) Fail("bool modifier can only be used on comparison operators");
                        returnBool = true;
                        Lexer.Next();
                    }
                    VectorMatching(set);
                    // '^' is right-associative; the rest are left-associative.
                    var right = op == "^" ? Expression(level) : Expression(level + 1);
                    left = Combine(op, left, right, comparison, set, returnBool);
                }
                return left;
            }
            finally
            {
                if (level == 0) _depth--;
            }
        }

        private PromQlType Combine(string op, PromQlType left, PromQlType right, bool comparison, bool set, bool returnBool)
        {
            if (left is not (PromQlType.Scalar or PromQlType.Vector) || right is not (PromQlType.Scalar or PromQlType.Vector))
                Fail($"binary expression must contain only scalar and instant vector types (operator {op})");
            if (set && (left != PromQlType.Vector || right != PromQlType.Vector))
                Fail($"set operator \"{op}\" not allowed in binary scalar expression");
            if (comparison && left == PromQlType.Scalar && right == PromQlType.Scalar && !returnBool)
                Fail("comparisons between scalars must use BOOL modifier");
            return left == PromQlType.Vector || right == PromQlType.Vector ? PromQlType.Vector : PromQlType.Scalar;
        }

        private void VectorMatching(bool set)
        {
            if (!IsWord("on") && !IsWord("ignoring")) return;
            Lexer.Next();
            LabelList();
            if (IsWord("group_left") || IsWord("group_right"))
            {
                if (set) Fail("no grouping allowed for set operations");
                Lexer.Next();
                if (Lexer.Kind == PromQlToken.LeftParen) LabelList();
            }
        }

        private bool IsBinary(int level)
        {
            if (Lexer.Kind == PromQlToken.Operator) return Precedence[level].Contains(Lexer.Text);
            return Lexer.Kind == PromQlToken.Identifier && Precedence[level].Contains(Lexer.Text.ToLowerInvariant()) && Lexer.Text.All(char.IsAsciiLetterOrDigit);
        }

        private PromQlType Unary()
        {
            if (Lexer.Kind == PromQlToken.Operator && Lexer.Text is "+" or "-")
            {
                Lexer.Next();
                if (++_depth > MaxDepth) Fail($"is nested more than {MaxDepth} levels deep");
                var operand = Unary();
                _depth--;
                if (operand is not (PromQlType.Scalar or PromQlType.Vector)) Fail("unary expression only allowed on expressions of type scalar or instant vector");
                return operand;
            }
            return Postfix(Primary(out var selector), selector);
        }

        private PromQlType Postfix(PromQlType type, bool selector)
        {
            while (true)
            {
                if (Lexer.Kind == PromQlToken.LeftBracket)
                {
                    var bracket = Lexer.Column;
                    Lexer.Next();
                    Duration("range");
                    if (Lexer.Kind == PromQlToken.Colon)
                    {
                        if (type != PromQlType.Vector) Fail("subquery is only allowed on instant vector");
                        Lexer.Next();
                        if (Lexer.Kind != PromQlToken.RightBracket) Duration("subquery step");
                    }
                    else if (!selector || type != PromQlType.Vector)
                    {
                        throw new PromQlException(Lexer.Error ?? $"ranges only allowed for vector selectors at column {bracket}");
                    }
                    Expect(PromQlToken.RightBracket, "']'");
                    type = PromQlType.Matrix;
                    selector = false;
                }
                else if (IsWord("offset"))
                {
                    Lexer.Next();
                    if (Lexer.Kind == PromQlToken.Operator && Lexer.Text is "-" or "+") Lexer.Next();
                    Duration("offset");
                }
                else if (Lexer.Kind == PromQlToken.At)
                {
                    Lexer.Next();
                    if (IsWord("start") || IsWord("end"))
                    {
                        Lexer.Next();
                        Expect(PromQlToken.LeftParen, "'('");
                        Expect(PromQlToken.RightParen, "')'");
                    }
                    else
                    {
                        if (Lexer.Kind == PromQlToken.Operator && Lexer.Text is "-" or "+") Lexer.Next();
                        if (Lexer.Kind is not (PromQlToken.Number or PromQlToken.Duration)) Fail($"expected a timestamp after @, found {Describe()}");
                        Lexer.Next();
                    }
                }
                else
                {
                    return type;
                }
            }
        }

        private void Duration(string what)
        {
            if (Lexer.Kind is PromQlToken.Duration or PromQlToken.Number)
            {
                Lexer.Next();
                return;
            }
            Fail($"expected a duration for the {what} (e.g. 5m), found {Describe()}");
        }

        private PromQlType Primary(out bool selector)
        {
            selector = false;
            switch (Lexer.Kind)
            {
                case PromQlToken.Number:
                    Lexer.Next();
                    return PromQlType.Scalar;
                case PromQlToken.Duration:
                    Lexer.Next();
                    return PromQlType.Scalar;
                case PromQlToken.String:
                    Lexer.Next();
                    return PromQlType.String;
                case PromQlToken.LeftParen:
                    Lexer.Next();
                    var inner = Expression(0);
                    Expect(PromQlToken.RightParen, "')'");
                    return inner;
                case PromQlToken.LeftBrace:
                    selector = true;
                    Matchers(metricName: false);
                    return PromQlType.Vector;
                case PromQlToken.Identifier:
                    return Identifier(out selector);
                default:
                    Fail($"unexpected {Describe()}");
                    return PromQlType.Scalar;
            }
        }

        private PromQlType Identifier(out bool selector)
        {
            selector = false;
            var name = Lexer.Text;
            var lower = name.ToLowerInvariant();
            if (lower is "inf" or "nan")
            {
                Lexer.Next();
                return PromQlType.Scalar;
            }
            Lexer.Next();
            if (PromQlFunctions.Aggregations.Contains(lower) && (Lexer.Kind == PromQlToken.LeftParen || IsWord("by") || IsWord("without")))
                return Aggregation(lower);
            if (Lexer.Kind == PromQlToken.LeftParen)
            {
                if (!PromQlFunctions.Signatures.TryGetValue(name, out var signature)) Fail($"unknown function with name \"{name}\"");
                return Call(name, signature!);
            }
            if (PromQlFunctions.Keywords.Contains(lower)) Fail($"unexpected keyword \"{name}\"");
            selector = true;
            if (Lexer.Kind == PromQlToken.LeftBrace) Matchers(metricName: true);
            return PromQlType.Vector;
        }

        private PromQlType Aggregation(string op)
        {
            var grouped = false;
            if (IsWord("by") || IsWord("without"))
            {
                Lexer.Next();
                LabelList();
                grouped = true;
            }
            Expect(PromQlToken.LeftParen, "'('");
            if (PromQlFunctions.ParameterAggregations.Contains(op))
            {
                var parameter = Expression(0);
                if (op == "count_values" ? parameter != PromQlType.String : parameter != PromQlType.Scalar)
                    Fail($"expected type {(op == "count_values" ? "string" : "scalar")} in aggregation parameter, got {Name(parameter)}");
                Expect(PromQlToken.Comma, "','");
            }
            var operand = Expression(0);
            if (operand != PromQlType.Vector) Fail($"expected type instant vector in aggregation expression, got {Name(operand)}");
            Expect(PromQlToken.RightParen, "')'");
            if (!grouped && (IsWord("by") || IsWord("without")))
            {
                Lexer.Next();
                LabelList();
            }
            return PromQlType.Vector;
        }

        private PromQlType Call(string name, PromQlFunctions.Signature signature)
        {
            Expect(PromQlToken.LeftParen, "'('");
            var args = new List<PromQlType>();
            if (Lexer.Kind != PromQlToken.RightParen)
            {
                args.Add(Expression(0));
                while (Lexer.Kind == PromQlToken.Comma)
                {
                    Lexer.Next();
                    args.Add(Expression(0));
                }
            }
            Expect(PromQlToken.RightParen, "')' or ','");
            var min = signature.Arguments.Length - signature.Optional;
            var max = signature.Variadic ? int.MaxValue : signature.Arguments.Length;
            if (args.Count < min || args.Count > max)
                Fail($"expected {(min == max ? min.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"at least {min}")} argument(s) in call to \"{name}\", got {args.Count}");
            for (var i = 0; i < args.Count; i++)
            {
                var expected = signature.Arguments[Math.Min(i, signature.Arguments.Length - 1)];
                if (args[i] != expected)
                    Fail($"expected type {Name(expected)} in call to function \"{name}\", got {Name(args[i])}");
            }
            return signature.Returns;
        }

        private void Matchers(bool metricName)
        {
            Expect(PromQlToken.LeftBrace, "'{'");
            var any = metricName;
            while (Lexer.Kind != PromQlToken.RightBrace)
            {
                if (Lexer.Kind == PromQlToken.String)
                {
                    Lexer.Next();
                    if (Lexer.Kind is PromQlToken.Comma or PromQlToken.RightBrace)
                    {
                        any = true;
                    }
                    else
                    {
                        Match();
                    }
                }
                else if (Lexer.Kind == PromQlToken.Identifier && !Lexer.Text.Contains(':', StringComparison.Ordinal))
                {
                    Lexer.Next();
                    Match();
                }
                else
                {
                    Fail($"unexpected {Describe()} in label matching, expected a label name");
                }
                if (Lexer.Kind != PromQlToken.Comma) break;
                Lexer.Next();
                any = true;
            }
            Expect(PromQlToken.RightBrace, "'}' or ','");
            if (!any) Fail("vector selector must contain at least one non-empty matcher");

            void Match()
            {
                if (Lexer.Kind is not (PromQlToken.Assign or PromQlToken.MatchOperator) && !(Lexer.Kind == PromQlToken.Operator && Lexer.Text == "!="))
                    Fail($"unexpected {Describe()} in label matching, expected one of \"=\", \"!=\", \"=~\" or \"!~\"");
                Lexer.Next();
                if (Lexer.Kind != PromQlToken.String) Fail($"unexpected {Describe()} in label matching, expected a quoted string");
                Lexer.Next();
                any = true;
            }
        }

        private void LabelList()
        {
            Expect(PromQlToken.LeftParen, "'('");
            while (Lexer.Kind is PromQlToken.Identifier or PromQlToken.String)
            {
                Lexer.Next();
                if (Lexer.Kind != PromQlToken.Comma) break;
                Lexer.Next();
            }
            Expect(PromQlToken.RightParen, "')' or a label name");
        }

        private bool IsWord(string word) => Lexer.Kind == PromQlToken.Identifier && string.Equals(Lexer.Text, word, StringComparison.OrdinalIgnoreCase);

        private void Expect(PromQlToken kind, string what)
        {
            if (Lexer.Kind != kind) Fail($"expected {what}, found {Describe()}");
            Lexer.Next();
        }

        public string Describe() => Lexer.Kind == PromQlToken.End ? (Lexer.Error ?? "end of input") : $"\"{(Lexer.Text.Length > 20 ? Lexer.Text[..20] + "…" : Lexer.Text)}\"";

        public void Fail(string message) =>
            throw new PromQlException(Lexer.Error ?? (Lexer.Kind == PromQlToken.End ? message : $"{message} at column {Lexer.Column}"));

        private static string Name(PromQlType type) => type switch
        {
            PromQlType.Scalar => "scalar",
            PromQlType.Vector => "instant vector",
            PromQlType.Matrix => "range vector",
            _ => "string",
        };
    }
}
