using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing.Patterns;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// What every endpoint of the API can answer besides its own result, written into the OpenAPI document from what the
/// pipeline really enforces on that endpoint: 400 for input that does not bind, 401/403 where it needs a signed-in role, 404
/// where the route or the query names a record (another commune's record is not found), 409 where the input carries the version last read
/// or the step depends on the record's state, 422 for a body that breaks a rule, 429 where a rate limit applies, 503 while
/// the database is away. All are RFC 7807 problem details. An endpoint's success comes from its typed result or its
/// Produces; one that declares none is a 200.
/// </summary>
public static class ApiResponses
{
    public static TBuilder DescribeRefusals<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            var metadata = endpoint.Metadata;
            var declared = metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
            var methods = metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
            var writes = methods.Any(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m));
            var hasBody = metadata.OfType<IAcceptsMetadata>().Any();
            var routeParameters = (endpoint as RouteEndpointBuilder)?.RoutePattern.Parameters.Count ?? 0;
            // A code or id in the query (tracking by code, a report for a unit) is looked up as well as one in the route.
            var lookups = routeParameters + (metadata.OfType<System.Reflection.MethodInfo>().FirstOrDefault()?.GetParameters()
                .Count(p => (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) is var t && (t == typeof(string) || t == typeof(int) || t == typeof(Guid))) ?? 0);
            var codes = new List<int> { StatusCodes.Status400BadRequest };
            if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                codes.AddRange([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]);
            if (lookups > 0) codes.Add(StatusCodes.Status404NotFound);
            if (writes) codes.Add(StatusCodes.Status409Conflict);
            if (hasBody || writes) codes.Add(StatusCodes.Status422UnprocessableEntity);
            if (metadata.OfType<EnableRateLimitingAttribute>().Any()) codes.Add(StatusCodes.Status429TooManyRequests);
            codes.Add(StatusCodes.Status503ServiceUnavailable);
            // An endpoint that declares no success answers 200 (a creation declares its 201: typed, or .Produces).
            if (!declared.Any(c => c is >= 200 and < 300)) metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK));
            foreach (var code in codes.Where(c => !declared.Contains(c)))
                metadata.Add(new ProducesResponseTypeMetadata(code, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        });
        return builder;
    }
}
