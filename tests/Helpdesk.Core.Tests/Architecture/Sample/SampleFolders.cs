namespace Helpdesk.Core.Tests.Architecture.Sample.Upper
{
    /// <summary>Part of a two-folder sample for the folder graph: uses Lower in its signature.</summary>
    public sealed class UpperThing
    {
        public Lower.LowerThing Make() => new();
    }
}

namespace Helpdesk.Core.Tests.Architecture.Sample.Lower
{
    /// <summary>Uses Upper only inside a method body, the back-reference the graph must still see.</summary>
    public sealed class LowerThing
    {
        public int Count(int n)
        {
            var upper = new Upper.UpperThing();
            return upper.GetHashCode() == 0 ? n : n + 1;
        }
    }
}
