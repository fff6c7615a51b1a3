# syntax=docker/dockerfile:1
# The operator image: `sloscaler run` by default (the manifests in config/ and the Helm chart pass
# their own arguments).
#
#   docker build --build-arg VERSION=0.1.0 --build-arg REVISION=$(git rev-parse HEAD) -t sloscaler:0.1.0 .
#
# Build stage: the .NET SDK. The output is portable IL (framework-dependent, no runtime identifier),
# so the same publish runs on amd64 and arm64. Runtime stage: the Ubuntu "chiseled" ASP.NET Core
# runtime (the .NET runtime plus the ASP.NET Core shared framework, which serves /healthz, /readyz
# and /metrics on Kestrel): no shell, no package manager, non-root (UID 1654), nothing but what
# `dotnet sloscaler.dll` needs.
ARG VERSION=0.0.0-dev
ARG REVISION=unknown

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG VERSION
ARG REVISION
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WORKDIR /src
# Restore first, from the project files only, so a source change does not download packages again.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/SloScaler.Core/SloScaler.Core.csproj src/SloScaler.Core/
COPY src/SloScaler.Simulation/SloScaler.Simulation.csproj src/SloScaler.Simulation/
COPY src/SloScaler.Load/SloScaler.Load.csproj src/SloScaler.Load/
COPY src/SloScaler.Operator/SloScaler.Operator.csproj src/SloScaler.Operator/
RUN dotnet restore src/SloScaler.Operator/SloScaler.Operator.csproj
COPY src/ src/
RUN dotnet publish src/SloScaler.Operator/SloScaler.Operator.csproj --no-restore -c Release -o /out \
      -p:Version=${VERSION} -p:SourceRevisionId=${REVISION} -p:DebugType=none

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
ARG VERSION
ARG REVISION
LABEL org.opencontainers.image.title="sloscaler" \
      org.opencontainers.image.description="Scales Kubernetes workloads to keep a tail-latency SLO, sized from the load read from Prometheus" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"
ENV DOTNET_gcServer=0
WORKDIR /app
COPY --from=build --chown=0:0 /out/ ./
# Numeric, so that runAsNonRoot can verify it; the image's own non-root "app" user.
USER 1654:1654
EXPOSE 8080 8081
ENTRYPOINT ["dotnet", "/app/sloscaler.dll"]
CMD ["run"]
