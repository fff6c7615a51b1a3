# syntax=docker/dockerfile:1
# Build: docker build --build-arg VERSION=0.1.0 -t sloscaler:0.1.0 .
ARG VERSION=0.0.0-dev

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG VERSION
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig Operator.sln ./
COPY src/ src/
RUN dotnet publish src/SloScaler.Operator/SloScaler.Operator.csproj -c Release -o /out \
      -p:Version=${VERSION} -p:UseArtifactsOutput=false

# Small, shell-less, non-root runtime.
FROM mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled AS runtime
ARG VERSION
LABEL org.opencontainers.image.title="sloscaler" org.opencontainers.image.version="${VERSION}"
WORKDIR /app
COPY --from=build /out/ ./
USER 1654:1654
ENTRYPOINT ["dotnet", "/app/sloscaler.dll"]
CMD ["simulate"]
