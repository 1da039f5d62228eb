// The colours of the lesson's charts and drawings, one name for each thing shown.

export const COLORS = {
  data: '#0b3d91',
  curve: '#c62828',
  loss: '#1565c0',
  validation: '#e65100',
  heldOut: '#e65100',
  selected: '#ffb300',
  ghost: '#8a8a8a',
  truth: '#2e7d32',
  units: ['#2e7d32', '#6a1b9a', '#ef6c00', '#00838f', '#ad1457', '#5d4037'],
  grid: 'rgba(0,0,0,0.10)',
  axis: '#222',
};
