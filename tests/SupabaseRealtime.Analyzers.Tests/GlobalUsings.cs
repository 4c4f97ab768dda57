// DiagnosticResult and the rest of Microsoft.CodeAnalysis.Testing's vocabulary, in every test file.
global using Microsoft.CodeAnalysis.Testing;
