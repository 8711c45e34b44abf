// Optional: fills the map point from the phone's location. The form works without it.
(function () {
  var button = document.getElementById('locate');
  if (!button || !('geolocation' in navigator)) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    navigator.geolocation.getCurrentPosition(function (p) {
      document.getElementById('Input_Latitude').value = p.coords.latitude.toFixed(5);
      document.getElementById('Input_Longitude').value = p.coords.longitude.toFixed(5);
    }, function () { button.disabled = true; }, { enableHighAccuracy: true, timeout: 10000 });
  });
})();
