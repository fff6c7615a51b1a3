{{/* The chart's name. */}}
{{- define "sloscaler.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: used for every object the chart creates. */}}
{{- define "sloscaler.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "sloscaler.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sloscaler.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "sloscaler.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "sloscaler.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: sloscaler
{{- end }}

{{- define "sloscaler.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "sloscaler.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "sloscaler.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
The operator's rules: exactly what `sloscaler run` calls (see config/rbac/role.yaml, which the
tests keep equal to these). Discovery (/api, /apis) is open to every authenticated user.
*/}}
{{- define "sloscaler.managerRules" -}}
- apiGroups: [sloscaler.io]
  resources: [scalingpolicies]
  verbs: [list, watch]
- apiGroups: [sloscaler.io]
  resources: [scalingpolicies/status]
  verbs: [patch]
- apiGroups: [apps]
  resources: [deployments/scale, statefulsets/scale, replicasets/scale]
  verbs: [get, patch]
- apiGroups: [apps]
  resources: [deployments, statefulsets, replicasets]
  verbs: [get]
- apiGroups: [events.k8s.io]
  resources: [events]
  verbs: [create]
{{- range .Values.rbac.extraScaleTargets }}
{{- $resources := required "rbac.extraScaleTargets[].resources is required" .resources }}
- apiGroups: [{{ required "rbac.extraScaleTargets[].apiGroup is required" .apiGroup | quote }}]
  resources: [{{ range $i, $r := $resources }}{{ if $i }}, {{ end }}{{ printf "%s/scale" $r | quote }}{{ end }}]
  verbs: [get, patch]
- apiGroups: [{{ .apiGroup | quote }}]
  resources: [{{ range $i, $r := $resources }}{{ if $i }}, {{ end }}{{ $r | quote }}{{ end }}]
  verbs: [get]
{{- end }}
{{- end }}
