import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';

/** The reference for renderer start: a blank React page, built the same way as the room. */
function Blank() {
  useEffect(() => {
    performance.mark('room-interactive');
  }, []);
  return <div data-ready="true">ready</div>;
}
createRoot(document.getElementById('root')!).render(<Blank />);
