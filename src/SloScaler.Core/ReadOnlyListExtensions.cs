namespace SloScaler.Core;

/// <summary>
/// <c>foreach (var x in list.Each())</c> over an <see cref="IReadOnlyList{T}"/> without the boxed enumerator a
/// <c>foreach</c> over the interface allocates: the decision path walks small lists many times per tick.
/// </summary>
internal static class ReadOnlyListExtensions
{
    public static Indexed<T> Each<T>(this IReadOnlyList<T> list) => new(list);

    public readonly struct Indexed<T>(IReadOnlyList<T> list)
    {
        public Enumerator<T> GetEnumerator() => new(list);
    }

    public struct Enumerator<T>(IReadOnlyList<T> list)
    {
        private int _index = -1;

        public readonly T Current => list[_index];

        public bool MoveNext() => ++_index < list.Count;
    }
}
