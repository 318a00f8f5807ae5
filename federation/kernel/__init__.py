"""The shared kernel: what every app may import (uploads, privacy, spreadsheets, audit, reference
data, permissions, the hook contracts). It imports no app of the project."""
