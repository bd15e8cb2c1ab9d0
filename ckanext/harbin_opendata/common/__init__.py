"""The suite's shared floor: what every area may import (besides CKAN). Areas import only this
package and CKAN; they reach each other through actions and interfaces."""
